// Markdown for evidence notes: rendered with marked, then sanitised, never trusted as HTML.
import { marked } from "marked";
import DOMPurify from "dompurify";

export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false, gfm: true, breaks: true }) as string;
  return DOMPurify.sanitize(html, { FORBID_TAGS: ["img", "style", "iframe", "form"], FORBID_ATTR: ["style"] });
}
