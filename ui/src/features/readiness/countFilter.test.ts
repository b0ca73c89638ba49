import { describe, expect, it } from "vitest";
import { filterRequest } from "./countFilter.svelte";

describe("a count's filter request", () => {
  /** Regression: the checklist, mounted again after This week, applied the header's old
      request anew and hid the task the user had open. */
  it("is taken once", () => {
    filterRequest.ask({ blocking: true });
    expect(filterRequest.take()).toEqual({ blocking: true });
    expect(filterRequest.take()).toBeNull();
    expect(filterRequest.pending).toBeNull();
  });
});
