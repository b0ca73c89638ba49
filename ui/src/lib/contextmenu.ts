// Right-click: WebKit's page menu (Back, Forward, Reload) means nothing in an app and Reload
// loses the open task, so it is kept off; fields keep theirs (cut, copy, paste, spelling), and
// so does selected text (copy).
export function suppressPageMenu(e: MouseEvent): void {
  const target = e.target as Element | null;
  if (target?.closest?.("input, textarea, select, [contenteditable='true'], [contenteditable='']")) return;
  const selection = globalThis.getSelection?.();
  if (selection && !selection.isCollapsed && selection.toString().trim() !== "") return;
  e.preventDefault();
}
