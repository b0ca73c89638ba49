// Which checklist tasks are selected for a bulk edit, and how clicks and keys change that:
// Ctrl/⌘-click toggles one, Shift-click selects the range from the anchor, Shift+↑↓ extends
// it row by row, select-all takes what the filter shows, Esc clears. Not the edit itself
// (BulkBar) nor the keys' registration (ChecklistView, through the keymap).
export class Selection {
  /** Selected task ids; a new Set on every change, so views that read it update. */
  ids = $state.raw<ReadonlySet<string>>(new Set());
  /** Where a Shift-range starts: the last task clicked or toggled. */
  anchor = $state<string | null>(null);

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** The selected ids in the list's order (`order`: the tasks the checklist shows). */
  inOrder(order: readonly string[]): string[] {
    return order.filter((id) => this.ids.has(id));
  }

  /** Ctrl/⌘-click: in or out of the selection, and the anchor of a later Shift-click. */
  toggle(id: string) {
    const next = new Set(this.ids);
    if (!next.delete(id)) next.add(id);
    this.ids = next;
    this.anchor = id;
  }

  /** Shift-click: everything from the anchor to `id` (the anchor stays, as in file lists). */
  rangeTo(order: readonly string[], id: string) {
    const from = this.anchor !== null ? order.indexOf(this.anchor) : -1;
    const to = order.indexOf(id);
    if (to < 0) return;
    if (from < 0) {
      this.ids = new Set([id]);
      this.anchor = id;
      return;
    }
    const [lo, hi] = from <= to ? [from, to] : [to, from];
    this.ids = new Set(order.slice(lo, hi + 1));
  }

  /** Shift+↑/↓ from `from`: the range from the anchor to the row moved to, which it answers. */
  extend(order: readonly string[], from: string, step: 1 | -1): string | undefined {
    if (this.anchor === null || !this.ids.has(from)) this.anchor = from;
    const at = order.indexOf(from);
    const next = order[Math.min(order.length - 1, Math.max(0, at + step))];
    if (next !== undefined) this.rangeTo(order, next);
    return next;
  }

  /** Select all the checklist shows (the current filter), anchored at the first. */
  all(order: readonly string[]) {
    this.ids = new Set(order);
    this.anchor = order[0] ?? null;
  }

  /** Keeps only tasks still shown (after a filter change or a reload). */
  keep(order: readonly string[]) {
    const shown = new Set(order);
    if ([...this.ids].every((id) => shown.has(id))) return;
    this.ids = new Set([...this.ids].filter((id) => shown.has(id)));
  }

  clear() {
    if (this.ids.size) this.ids = new Set();
    this.anchor = null;
  }
}
