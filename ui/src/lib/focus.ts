// `use:focus`: focuses an element when it appears (the autofocus attribute only works on load).
export function focus(node: HTMLElement) {
  queueMicrotask(() => node.focus());
}
