import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Keymap, type Binding, type Scope } from "./keymap.svelte";

// A keymap of its own on the window, with a view the test sets.
let view = "checklist";
let km: Keymap;
let ran: string[];

beforeEach(() => {
  view = "checklist";
  ran = [];
  km = new Keymap({ view: () => view });
  window.addEventListener("keydown", km.dispatch);
});

afterEach(() => {
  window.removeEventListener("keydown", km.dispatch);
  document.body.innerHTML = "";
});

/** A binding that notes its name when it runs. */
const bind = (keys: string, name: string, over: Partial<Binding> = {}): Binding => ({
  keys,
  description: name,
  run: () => void ran.push(name),
  ...over,
});

function press(key: string, on: EventTarget = document.body, mods: KeyboardEventInit = {}) {
  const e = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...mods });
  on.dispatchEvent(e);
  return e;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, parent: Element = document.body) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  parent.appendChild(el);
  return el;
}

describe("scopes", () => {
  it("give a key to the innermost active scope only, and consume it", () => {
    const input = element("textarea");
    const order: Scope[] = ["global", "view:checklist", "drawer", "menu"];
    for (const scope of order) km.register(scope, [bind("Escape", scope)]);
    km.register("field", [bind("Escape", "field", { typing: "own" })], { root: () => input });

    const e = press("Escape", input);
    expect(ran).toEqual(["field"]);
    expect(e.defaultPrevented).toBe(true);
    ran = [];
    press("Escape");
    expect(ran).toEqual(["menu"]);
  });

  it("act for a view only while it is the visible one", () => {
    km.register("global", [bind("Escape", "global")]);
    km.register("view:probes", [bind("Escape", "cancel run")]);
    press("Escape");
    expect(ran).toEqual(["global"]);
    view = "probes";
    press("Escape");
    expect(ran).toEqual(["global", "cancel run"]);
  });

  it("pass a key on when the inner binding's `when` does not hold", () => {
    let running = false;
    km.register("global", [bind("Escape", "global")]);
    km.register("drawer", [bind("Escape", "close", { when: () => running })]);
    press("Escape");
    running = true;
    press("Escape");
    expect(ran).toEqual(["global", "close"]);
  });

  it("put the newest registration of a scope first", () => {
    km.register("global", [bind("r", "older")]);
    km.register("global", [bind("r", "newer")]);
    press("r");
    expect(ran).toEqual(["newer"]);
  });

  it("let only dialog and field bindings act while focus is in a dialog", () => {
    const dialog = element("dialog", { open: "" });
    const button = element("button", {}, dialog);
    km.register("global", [bind("Escape", "global"), bind("Mod+n", "new plan", { typing: "any" })]);
    const e = press("n", button, { ctrlKey: true });
    press("Escape", button);
    expect(ran).toEqual([]);
    expect(e.defaultPrevented).toBe(false);
    km.register("dialog", [bind("Escape", "dialog")]);
    press("Escape", button);
    expect(ran).toEqual(["dialog"]);
  });

  it("leave a key that a field binding's element does not hold to the others", () => {
    const note = element("textarea");
    const other = element("button");
    km.register("field", [bind("Mod+Enter", "add note", { typing: "own" })], { root: () => note });
    km.register("global", [bind("Mod+Enter", "run all")]);
    press("Enter", other, { ctrlKey: true });
    press("Enter", note, { ctrlKey: true });
    expect(ran).toEqual(["run all", "add note"]);
  });
});

describe("typing", () => {
  it("keeps plain keys and app shortcuts out of text fields unless a binding allows it", () => {
    km.register("global", [bind("r", "reschedule"), bind("Escape", "close")]);
    for (const field of [element("input"), element("textarea"), element("select"), element("div", { contenteditable: "true" })]) {
      const e = press("r", field);
      press("Escape", field);
      expect(e.defaultPrevented).toBe(false);
    }
    expect(ran).toEqual([]);
    // A checkbox or a button takes no typing.
    press("r", element("input", { type: "checkbox" }));
    press("r", element("button"));
    expect(ran).toEqual(["reschedule", "reschedule"]);
  });

  it("lets `own` act only in the registration's own fields, `any` in every field", () => {
    const mine = element("section");
    const myField = element("input", {}, mine);
    const elsewhere = element("textarea");
    km.register("global", [bind("Mod+k", "search", { typing: "any" })]);
    km.register("view:checklist", [bind("Mod+Enter", "run all", { typing: "own" })], { root: () => mine });
    press("Enter", elsewhere, { ctrlKey: true });
    press("Enter", myField, { ctrlKey: true });
    press("Enter", mine, { ctrlKey: true });
    press("k", elsewhere, { ctrlKey: true });
    expect(ran).toEqual(["run all", "run all", "search"]);
  });

  it("leaves alone a key a widget has handled itself, and one being composed", () => {
    const row = element("div", { tabindex: "0" });
    row.addEventListener("keydown", (e) => e.preventDefault());
    km.register("global", [bind("k", "k")]);
    press("k", row);
    press("k", document.body, { isComposing: true });
    expect(ran).toEqual([]);
  });
});

describe("keys", () => {
  it("match Mod as Ctrl or ⌘, and never a plain key held with Ctrl, Alt or Shift", () => {
    km.register("global", [bind("Mod+Enter", "run"), bind("r", "r"), bind("/", "search"), bind("Escape", "esc")]);
    press("Enter", document.body, { ctrlKey: true });
    press("Enter", document.body, { metaKey: true });
    press("Enter");
    press("r", document.body, { ctrlKey: true });
    press("r", document.body, { altKey: true });
    press("R", document.body, { shiftKey: true });
    press("Escape", document.body, { shiftKey: true });
    expect(ran).toEqual(["run", "run"]);
    // "/" is Shift+7 on a German keyboard; Caps Lock gives "R" without Shift.
    press("/", document.body, { shiftKey: true });
    press("R");
    expect(ran).toEqual(["run", "run", "search", "r"]);
  });

  it("come from a synthetic event on the window too (no element has focus)", () => {
    km.register("global", [bind("Mod+n", "new plan")]);
    press("n", window, { ctrlKey: true });
    expect(ran).toEqual(["new plan"]);
  });
});

describe("registration", () => {
  it("is undone by the function it answers, and listed while it lasts", () => {
    const off = km.register("view:probes", [bind("Escape", "Cancel the probe run")]);
    const offGlobal = km.register("global", [bind("Mod+,", "Open the settings"), bind("1", "Show the timeline", { when: () => false })]);
    expect(km.active()).toEqual([{ keys: "Mod+,", description: "Open the settings", scope: "global" }]);
    view = "probes";
    expect(km.active().map((b) => b.description)).toEqual(["Cancel the probe run", "Open the settings"]);
    off();
    press("Escape");
    expect(ran).toEqual([]);
    expect(km.active().map((b) => b.description)).toEqual(["Open the settings"]);
    offGlobal();
    expect(km.active()).toEqual([]);
  });
});
