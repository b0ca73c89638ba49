import { describe, expect, it } from "vitest";
import { suppressPageMenu } from "./contextmenu";

function rightClick(on: HTMLElement): boolean {
  const e = new MouseEvent("contextmenu", { bubbles: true, cancelable: true });
  on.addEventListener("contextmenu", suppressPageMenu);
  on.dispatchEvent(e);
  return e.defaultPrevented;
}

describe("the right-click menu", () => {
  /** Regression: right-click opened WebKit's Back/Forward/Reload menu. */
  it("is kept off the app's surface, left to fields", () => {
    document.body.innerHTML = "<div id='row'>CLO-01</div><input id='owner' /><textarea id='note'></textarea>";
    expect(rightClick(document.getElementById("row")!)).toBe(true);
    expect(rightClick(document.getElementById("owner")!)).toBe(false);
    expect(rightClick(document.getElementById("note")!)).toBe(false);
  });
});
