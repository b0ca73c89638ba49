import { describe, expect, it } from "vitest";
import { normalizeUrl } from "./links";

describe("normalizeUrl", () => {
  it("puts https:// before a bare host, as the library stores it", () => {
    expect(normalizeUrl(" status.example.com/ok ")).toBe("https://status.example.com/ok");
    expect(normalizeUrl("example.com?x=1")).toBe("https://example.com?x=1");
  });

  it("leaves full addresses and what is not a host alone", () => {
    expect(normalizeUrl("http://intranet.local/x")).toBe("http://intranet.local/x");
    expect(normalizeUrl("mailto:ops@example.com")).toBe("mailto:ops@example.com");
    expect(normalizeUrl("not a link")).toBe("not a link");
    expect(normalizeUrl("")).toBe("");
  });
});
