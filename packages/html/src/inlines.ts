/**
 * Inline nodes → HTML phrasing content: text and numbers (`<data>`, or
 * `<abbr>` for "—"), `<em>`, `<strong>`, links, `<br>`, footnote references
 * (`doc-noteref`) and tracked changes (`<ins>`/`<del>`). One exhaustive
 * `switch (x.type)`; a type this writer does not know is reported as
 * "not-rendered", never dropped silently.
 */
import { type Inline, longDate, type NumberInline } from "@briefkit/document";
import { htmlMessages } from "./messages.js";
import { clean, type InlineFlags, refId, type State, text, unhandled, warn } from "./state.js";
import { escapeAttr } from "./text.js";

/** Links may only reach the web or an e-mail address (the model says so; the writer checks again). */
const SAFE_URL = /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

export function inlines(
  xs: readonly Inline[],
  path: string,
  st: State,
  flags: InlineFlags = {},
): string {
  return xs.map((x, i) => inline(x, `${path}[${i}]`, st, flags)).join("");
}

function inline(x: Inline, path: string, st: State, flags: InlineFlags): string {
  switch (x.type) {
    case "text":
      return text(x.value, path, st, flags);
    case "number":
      return numberInline(x, path, st, flags);
    case "emphasis":
      if (flags.sans) {
        // The sans family embeds roman and bold only; the browser slants them.
      } else if (flags.strong) st.used.boldItalic = true;
      else st.used.italic = true;
      return `<em>${inlines(x.children, `${path}.children`, st, { ...flags, em: true })}</em>`;
    case "strong":
      if (flags.sans) {
        // Sans bold is always embedded.
      } else if (flags.em) st.used.boldItalic = true;
      else st.used.bold = true;
      return `<strong>${inlines(x.children, `${path}.children`, st, { ...flags, strong: true })}</strong>`;
    case "link": {
      const children = inlines(x.children, `${path}.children`, st, { ...flags, inLink: true });
      if (flags.inLink) return children;
      if (!SAFE_URL.test(x.url)) {
        if (!flags.quiet) warn(st, "unsafe-link", path, htmlMessages.unsafeLink(x.url));
        return children;
      }
      return `<a href="${escapeAttr(clean(x.url, `${path}.url`, st, flags.quiet))}">${children}</a>`;
    }
    case "lineBreak":
      return "<br>";
    case "footnoteRef":
      return footnoteRef(x.number, path, st, flags);
    case "insertion":
    case "deletion":
      return change(x, path, st, flags);
    default:
      return unhandled(x, path, st);
  }
}

/**
 * A tracked change as `<ins>`/`<del>` (HTML's own edit elements, with the
 * change's day in `datetime` and who and when in the tooltip). The CSS marks
 * them in the theme's change colour, underlined or struck through, and has
 * screen readers announce where each starts (the elements alone are silent
 * in most of them).
 */
function change(
  x: Extract<Inline, { type: "insertion" | "deletion" }>,
  path: string,
  st: State,
  flags: InlineFlags,
): string {
  const tag = x.type === "insertion" ? "ins" : "del";
  const label = x.type === "insertion" ? st.terms.inserted : st.terms.deleted;
  const tooltip = [
    label,
    x.author === undefined ? "" : st.terms.changeBy(x.author),
    x.date === undefined ? "" : st.terms.changeOn(longDate(x.date, st.doc.meta.language)),
  ]
    .filter((s) => s !== "")
    .join(" ");
  const attrs = [
    ` class="change"`,
    x.date === undefined ? "" : ` datetime="${escapeAttr(x.date)}"`,
    ` title="${escapeAttr(clean(tooltip, `${path}.author`, st, flags.quiet))}"`,
  ].join("");
  return `<${tag}${attrs}>${inlines(x.children, `${path}.children`, st, flags)}</${tag}>`;
}

export function numberInline(x: NumberInline, path: string, st: State, flags: InlineFlags): string {
  const shown = text(x.text, `${path}.text`, st, flags);
  if (x.value === null) {
    return `<abbr class="na" title="${escapeAttr(st.terms.notAvailable)}">${shown}</abbr>`;
  }
  const estimate = x.estimate ? ` title="${escapeAttr(st.terms.estimate)}"` : "";
  return `<data value="${x.value}"${estimate}>${shown}</data>`;
}

function footnoteRef(n: number, path: string, st: State, flags: InlineFlags): string {
  if (flags.quiet) return "";
  if (!st.footnotes.has(n)) {
    warn(st, "footnote-missing", path, htmlMessages.footnoteMissing(n));
    return `<sup>${n}</sup>`;
  }
  // A link inside a link is invalid HTML: inside one, the number stays visible but inert.
  if (flags.inLink) return `<sup>${n}</sup>`;
  const k = (st.refCounts.get(n) ?? 0) + 1;
  st.refCounts.set(n, k);
  const id = refId(n, k);
  return `<sup class="footnote-ref"><a href="#fn-${n}" id="${id}" role="doc-noteref" aria-label="${escapeAttr(st.terms.noteReference(n))}">${n}</a></sup>`;
}
