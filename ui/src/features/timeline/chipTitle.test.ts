import { describe, expect, it } from "vitest";
import { task } from "../../lib/testing";
import { chipTitle } from "./chipTitle";

describe("a timeline chip's tooltip", () => {
  /** Regression: the tooltip showed a literal "\n" between its two lines. */
  it("breaks its two lines with a real line break", () => {
    const title = chipTitle(task({ id: "CLO-03", title: "Lower the DNS TTL", due: "2027-01-18", overdue: true }), "2027-01-11", "To do");
    expect(title).toBe("CLO-03 Lower the DNS TTL\nTo do · due Mon 18 Jan (in 7 days) · overdue");
    expect(title).not.toContain("\\n");
  });
});
