/**
 * @briefkit/html — HTML writer: document model to one self-contained HTML
 * file (inline CSS, fonts and sanitised SVG; no script; a CSP that forbids
 * every outside request).
 */
export { type HtmlOptions, writeHtml } from "./write.js";
