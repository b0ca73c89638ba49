// Windowing for long lists: which of many fixed-height lines are on screen, so a 500-task
// checklist keeps a few dozen rows in the DOM. Pure functions; the view owns the scrolling.

export type Sized = { height: number };

/** Each line's top offset, and the height of them all. */
export function offsets(lines: Sized[]): { tops: number[]; total: number } {
  const tops = new Array<number>(lines.length);
  let y = 0;
  for (let i = 0; i < lines.length; i++) {
    tops[i] = y;
    y += lines[i].height;
  }
  return { tops, total: y };
}

/** The first line whose bottom is below `y` (binary search over `tops`). */
export function lineAt(tops: number[], lines: Sized[], y: number): number {
  let lo = 0;
  let hi = tops.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tops[mid] + lines[mid].height <= y) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo);
}

/**
 * The half-open range [start, end) of lines to render for a viewport at `scrollTop` of
 * `height` pixels, with `overscan` pixels more above and below so fast scrolling shows no gaps.
 */
export function visibleRange(
  tops: number[],
  lines: Sized[],
  scrollTop: number,
  height: number,
  overscan = 400,
): [number, number] {
  if (lines.length === 0) return [0, 0];
  const start = lineAt(tops, lines, Math.max(0, scrollTop - overscan));
  let end = lineAt(tops, lines, scrollTop + height + overscan);
  if (end < lines.length) end += 1;
  return [start, Math.min(end, lines.length)];
}

/** The scroll position that brings line `i` into view below a `header`-pixel sticky header. */
export function scrollToShow(
  tops: number[],
  lines: Sized[],
  i: number,
  scrollTop: number,
  height: number,
  header = 0,
): number {
  const top = tops[i];
  const bottom = top + lines[i].height;
  if (top < scrollTop + header) return Math.max(0, top - header);
  if (bottom > scrollTop + height) return bottom - height;
  return scrollTop;
}
