// Markdown for evidence notes: rendered with marked, then sanitised, never trusted as HTML.
import { marked } from "marked";
import DOMPurify from "dompurify";

export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false, gfm: true, breaks: true }) as string;
  return DOMPurify.sanitize(html, { FORBID_TAGS: ["img", "style", "iframe", "form"], FORBID_ATTR: ["style"] });
}

/** One line of Markdown (a step, the evidence that counts): inline marks only, no paragraph. */
export function renderInline(text: string): string {
  const html = marked.parseInline(text, { async: false, gfm: true }) as string;
  return DOMPurify.sanitize(html, { ALLOWED_TAGS: ["code", "strong", "em", "a", "del"], ALLOWED_ATTR: ["href"] });
}
