// The app's keyboard shortcuts in one registry, so each key acts only where it is meant to;
// not for a widget's own navigation, which stays on its element.
//
// Views and components register bindings with a scope; one window listener (App.svelte)
// gives each key press to the first binding that may act on it, innermost scope first:
//
//   field   keys of one element while focus is in it (the evidence note: Ctrl+Enter adds it,
//           Esc closes it; the checklist search: Esc clears it)
//   dialog  keys of an open modal dialog; while focus is in a dialog only dialog and field
//           bindings act, as the page behind it is inert
//   menu    a popup over the page (the plan menu: Esc closes it)
//   drawer  the open task (Esc closes it)
//   view:X  the visible view only (views stay mounted when hidden, so the scope decides,
//           not the mount): view:probes Esc cancels a run, Ctrl+Enter runs all
//   global  always (Ctrl+N, Ctrl+, Ctrl+Shift+W and, while a plan is open, 1–4 and R)
//
// Within a scope the newest registration comes first. The binding that acts consumes the key
// (preventDefault), so no other binding sees it. While focus is in a text field (input,
// textarea, select, contenteditable) a binding acts only if it says so: `typing: "own"` in
// the fields inside its registration's root, `typing: "any"` in every field.
//
// Staying on the element, as widget navigation: the arrows of the view tabs, the timeline's
// bars, the plan list and the plan menu; the checklist rows' arrows, j/k, Home/End, Space
// and Enter; ArrowDown from the search to the list; Enter in a single input to submit it;
// Esc in a row's owner field (undo the edit) and in the plan menu. A key such a widget
// handles (preventDefault) is left to it. Esc in a modal is the native <dialog>'s cancel.
import { untrack } from "svelte";
import type { Action } from "svelte/action";
import { app, type View } from "./state.svelte";

export type Scope = "global" | `view:${View}` | "drawer" | "menu" | "dialog" | "field";

export type Binding = {
  /** The key as `KeyboardEvent.key`, after optional `Mod+` (Ctrl, or ⌘ on a Mac), `Alt+`,
      `Shift+`: "Escape", "Mod+Enter", "Mod+,", "/", "1", "r". */
  keys: string;
  /** What the key does, for a list of shortcuts. */
  description: string;
  run: (e: KeyboardEvent) => void;
  /** The binding acts only while this holds; when it does not, the key goes on to the next. */
  when?: () => boolean;
  /** Acts while focus is in a text field: inside the registration's root ("own"), in any
      ("any"). Left out, a key typed into a field stays the field's. */
  typing?: "own" | "any";
};

export type Options = {
  /** The registering component's element: its "own" text fields are inside it, and a
      "field" scope acts only while focus is inside it. Read at each key press. */
  root?: () => Element | null | undefined;
};

/** A binding as a list of shortcuts shows it. */
export type Listed = { keys: string; description: string; scope: Scope };

type Registration = { scope: Scope; bindings: Binding[]; chords: Chord[]; root: Options["root"]; seq: number };

type Chord = { key: string; mod: boolean; alt: boolean; shift: boolean };

const RANK: Record<string, number> = { field: 5, dialog: 4, menu: 3, drawer: 2, view: 1, global: 0 };
const rank = (scope: Scope) => RANK[scope.startsWith("view:") ? "view" : scope];

// Inputs that take no typing: a key on them is not a character for a text.
const NOT_TYPED = new Set(["button", "checkbox", "color", "file", "image", "radio", "range", "reset", "submit"]);

function textField(el: Element | null): Element | null {
  const field = el?.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])") ?? null;
  return field instanceof HTMLInputElement && NOT_TYPED.has(field.type) ? null : field;
}

function parse(keys: string): Chord {
  const parts = keys.split("+");
  // "Mod++" would be the plus key: the last part empty means it was "+".
  const key = parts.pop() || "+";
  return { key, mod: parts.includes("Mod"), alt: parts.includes("Alt"), shift: parts.includes("Shift") };
}

function matches(c: Chord, e: KeyboardEvent): boolean {
  if (c.mod !== (e.ctrlKey || e.metaKey) || c.alt !== e.altKey) return false;
  // Shift counts for letters (Shift+R is not R) and named keys; a symbol such as "/" may
  // need Shift on the user's layout (German: Shift+7), so there it does not.
  const letter = /^[a-z]$/i.test(c.key);
  if ((c.shift || letter || c.key.length > 1) && c.shift !== e.shiftKey) return false;
  return letter ? e.key.toLowerCase() === c.key.toLowerCase() : e.key === c.key;
}

export class Keymap {
  // Reactive, so a list of shortcuts follows views and drawers opening and closing.
  #registrations = $state.raw<Registration[]>([]);
  #seq = 0;
  #view: () => string | null;

  constructor(options: { view: () => string | null }) {
    this.#view = options.view;
  }

  /** Adds bindings in a scope; answers the function that removes them again. */
  register(scope: Scope, bindings: Binding[], options: Options = {}): () => void {
    const reg: Registration = { scope, bindings, chords: bindings.map((b) => parse(b.keys)), root: options.root, seq: ++this.#seq };
    // Untracked: registering from an effect must not make it depend on the registry.
    this.#registrations = [...untrack(() => this.#registrations), reg];
    return () => {
      this.#registrations = untrack(() => this.#registrations).filter((r) => r !== reg);
    };
  }

  /** The window's keydown listener: runs the one binding the key is for, if any. */
  dispatch = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.isComposing) return;
    const target = e.target instanceof Element ? e.target : null;
    const field = textField(target);
    const inDialog = !!target?.closest("dialog[open]");
    for (const reg of this.#ordered()) {
      if (inDialog && reg.scope !== "dialog" && reg.scope !== "field") continue;
      const root = reg.root?.() ?? null;
      if (!this.#scopeActive(reg.scope, root, target, inDialog)) continue;
      for (const [i, b] of reg.bindings.entries()) {
        if (!matches(reg.chords[i], e)) continue;
        if (field && !(b.typing === "any" || (b.typing === "own" && !!root?.contains(field)))) continue;
        if (b.when && !b.when()) continue;
        e.preventDefault();
        b.run(e);
        return;
      }
    }
  };

  /** The bindings of the scopes that are active now whose `when` holds, innermost first
      (field and dialog bindings are listed while their element is there). */
  active(): Listed[] {
    const out: Listed[] = [];
    for (const reg of this.#ordered()) {
      if (reg.scope.startsWith("view:") && reg.scope !== `view:${this.#view()}`) continue;
      for (const b of reg.bindings) {
        if (!b.when || b.when()) out.push({ keys: b.keys, description: b.description, scope: reg.scope });
      }
    }
    return out;
  }

  #ordered(): Registration[] {
    return [...this.#registrations].sort((a, b) => rank(b.scope) - rank(a.scope) || b.seq - a.seq);
  }

  #scopeActive(scope: Scope, root: Element | null, target: Element | null, inDialog: boolean): boolean {
    if (scope === "field") return !!target && !!root?.contains(target);
    if (scope === "dialog") return inDialog && (!root || (!!target && root.contains(target)));
    if (scope.startsWith("view:")) return scope === `view:${this.#view()}`;
    return true;
  }
}

/** The app's keymap: `view:X` scopes follow the view the window shows. */
export const keymap = new Keymap({ view: () => app.view });

/** Registers bindings for as long as the calling component is mounted; call it while the
    component is set up. */
export function useShortcuts(scope: Scope, bindings: Binding[], options?: Options): void {
  $effect(() => keymap.register(scope, bindings, options));
}

/** `use:shortcuts={{ scope, bindings }}`: bindings for as long as the element is there, with the
    element as their root (so a "field" scope acts while focus is in it). */
export const shortcuts: Action<Element, { scope: Scope; bindings: Binding[] }> = (node, params) => {
  let off = keymap.register(params.scope, params.bindings, { root: () => node });
  return {
    update(next) {
      off();
      off = keymap.register(next.scope, next.bindings, { root: () => node });
    },
    destroy: () => off(),
  };
};
