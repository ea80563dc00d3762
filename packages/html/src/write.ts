/**
 * The HTML writer: document model → one self-contained HTML5 file.
 *
 * One exhaustive `switch (node.type)` per node category (blocks, inlines),
 * ending in `assertNever`, so a new node type in @briefkit/document breaks
 * this build until it is handled; at run time a node from a newer model is
 * reported as "not-rendered", never dropped silently (cf. pandoc's
 * BlockNotRendered).
 *
 * The output loads nothing: CSS and fonts are inline, charts are sanitised
 * inline SVG, there is no script, and a Content-Security-Policy meta tag
 * (`default-src 'none'`, the one stylesheet allowed by its SHA-256 hash) makes
 * the browser refuse anything else. Nothing depends on the clock or on
 * randomness: ids derive from section and figure numbers, so the same
 * document gives the same bytes.
 *
 * Semantics follow the HTML Standard and WAI-ARIA/DPUB-ARIA: the title is the
 * page's one `<h1>` and model levels 1–3 are `<h2>`–`<h4>`; tables have
 * captions, `thead`/`tbody` and `th scope`; figures `figure`/`figcaption`
 * and an SVG with role="img" named by its alt text; footnotes are endnotes
 * with `doc-noteref`/`doc-backlink`.
 */
import { createHash } from "node:crypto";
import {
  assertNever,
  type Block,
  type Callout,
  coverage,
  type Document,
  type Figure,
  type Heading,
  type Inline,
  type KeyFigures,
  type List,
  type NumberInline,
  type Paragraph,
  plainText,
  type Row,
  subsetTtf,
  type Table,
  toWoff,
} from "@briefkit/document";
import { type FontFaceCss, stylesheet } from "./css.js";
import { htmlMessages } from "./messages.js";
import { SvgError, sanitiseSvg } from "./svg.js";
import { cleanText, escapeAttr, escapeText } from "./text.js";
import type {
  HtmlLabels,
  HtmlOptions,
  WriterContext,
  WriterWarning,
  WriterWarningCode,
} from "./types.js";

const defaultLabels: HtmlLabels = {
  figure: "Figure",
  table: "Table",
  notes: "Notes",
  author: "Author",
  edition: "Edition",
  published: "Published",
  dataAsOf: "Data as of",
  notAvailable: "not available",
  estimate: "estimate",
  note: "Note",
  backToReference: "Back to reference",
  finding: "Key finding",
  recommendation: "Recommendation",
  keyFigures: "Key figures",
  page: "Page",
  of: "of",
  skipToContent: "Skip to content",
  inserted: "Inserted",
  deleted: "Deleted",
  changeBy: "by",
  changeOn: "on",
};

/** Links may only reach the web or an e-mail address (the model says so; the writer checks again). */
const SAFE_URL = /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

interface InlineFlags {
  /** Inside a link: nested links and note references become plain. */
  inLink?: boolean;
  /** A second rendering (the TOC): warnings were already given, note references are left out. */
  quiet?: boolean;
  em?: boolean;
  strong?: boolean;
  /** Set in the sans-serif family (tables, captions, boxes): its bold face is always embedded. */
  sans?: boolean;
}

interface State {
  doc: Document;
  labels: HtmlLabels;
  ctx: WriterContext;
  /** Every id written so far, to keep them unique. */
  ids: Set<string>;
  /** Id of each heading node (computed first: the TOC links ahead). */
  headingIds: Map<Heading, string>;
  /** References made so far to each footnote, for unique ids and back-links. */
  refCounts: Map<number, number>;
  footnotes: Set<number>;
  /** Code points the embedded fonts can show; undefined when fonts are not embedded. */
  covered: Set<number> | undefined;
  used: { italic: boolean; bold: boolean; boldItalic: boolean };
  /** Key-figure boxes and callouts so far, for their generated ids. */
  counts: { keyFigures: number; callout: number };
}

export function writeHtml(doc: Document, options: HtmlOptions, ctx: WriterContext): string {
  const theme = options.theme;
  const embed = (options.fonts ?? "subset") === "subset";
  const st: State = {
    doc,
    labels: { ...defaultLabels, ...options.labels },
    ctx,
    ids: new Set(),
    headingIds: new Map(),
    refCounts: new Map(),
    footnotes: new Set(doc.footnotes.map((f) => f.number)),
    covered: embed
      ? new Set([...coverage(theme.fonts.body.regular), ...coverage(theme.fonts.heading.regular)])
      : undefined,
    used: { italic: false, bold: false, boldItalic: false },
    counts: { keyFigures: 0, callout: 0 },
  };
  // Reserve the fixed ids first so a heading slug can never take one.
  for (const id of ["content", "toc-title", "notes-title"]) st.ids.add(id);
  for (const f of doc.footnotes) st.ids.add(`fn-${f.number}`);
  assignHeadingIds(st);

  const header = titleBlock(st);
  const blocks = doc.blocks.map((b, i) => block(b, `blocks[${i}]`, st)).filter((s) => s !== "");
  const notes = endnotes(st);
  const body = [
    `<a class="skip-link" href="#content">${escapeText(st.labels.skipToContent)}</a>`,
    `<div class="page">`,
    header,
    `<main id="content">`,
    ...blocks,
    ...(notes === "" ? [] : [notes]),
    `</main>`,
    `</div>`,
  ].join("\n");

  const m = doc.meta;
  const headerRight = [
    // "Edition 2005" rather than "2005 edition": the word order that survives translation.
    m.edition ? `${st.labels.edition} ${m.edition}` : "",
    m.audienceLabel,
  ]
    .filter((s): s is string => Boolean(s))
    .join(" · ");
  const running = {
    header: clean(m.title, "meta.title", st, true),
    headerRight: clean(headerRight, "meta.audienceLabel", st, true),
    page: st.labels.page,
    of: st.labels.of,
  };
  const faces = embed ? fontFaces(st, options, body + Object.values(running).join("")) : [];
  const css = stylesheet(
    theme,
    faces,
    running,
    hasChanges(doc) ? { inserted: st.labels.inserted, deleted: st.labels.deleted } : undefined,
  );
  const cspHash = createHash("sha256").update(css).digest("base64");
  const csp = [
    "default-src 'none'",
    `style-src 'sha256-${cspHash}'`,
    "img-src data:",
    "font-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");

  const title = [m.title, m.audienceLabel].filter((s): s is string => Boolean(s)).join(" — ");
  const description = m.subtitle ?? m.subject ?? m.title;
  const metaTag = (name: string, content: string | undefined, path: string) =>
    content === undefined || content === ""
      ? []
      : [`<meta name="${name}" content="${escapeAttr(clean(content, path, st, true))}">`];
  const head = [
    `<meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="referrer" content="no-referrer">`,
    `<title>${escapeText(clean(title, "meta.title", st, true))}</title>`,
    ...metaTag("description", description, "meta.subtitle"),
    ...metaTag("keywords", m.keywords.join(", "), "meta.keywords"),
    ...metaTag("author", m.author ?? m.organisation, "meta.author"),
    ...metaTag("generator", "briefkit", ""),
    ...metaTag("dcterms.issued", m.date, "meta.date"),
    // An invalid Date would throw in toISOString: leave the stamp out rather than fail.
    ...metaTag(
      "dcterms.created",
      Number.isNaN(ctx.now.getTime()) ? undefined : ctx.now.toISOString(),
      "",
    ),
    `<style>${css}</style>`,
  ].join("\n");

  return `<!DOCTYPE html>\n<html lang="${escapeAttr(m.language)}">\n<head>\n${head}\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

// ---------------------------------------------------------------------------
// Text

function warn(st: State, code: WriterWarningCode, path: string, message: string): void {
  const w: WriterWarning = { code, message, path };
  st.ctx.log(w);
}

/** Text cleaned of forbidden characters (reported), checked against the fonts, not yet escaped. */
function clean(value: string, path: string, st: State, quiet = false): string {
  const { text, replaced } = cleanText(value);
  if (!quiet && replaced.length > 0) {
    warn(st, "char-replaced", path, htmlMessages.charReplaced(replaced));
  }
  if (!quiet && st.covered !== undefined) {
    const missing = new Set<string>();
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp > 0x20 && cp !== 0xfffd && !st.covered.has(cp) && !/\s/u.test(ch)) missing.add(ch);
    }
    if (missing.size > 0) {
      warn(st, "font-fallback", path, htmlMessages.fontFallback([...missing].slice(0, 12)));
    }
  }
  return text;
}

function text(value: string, path: string, st: State, flags: InlineFlags = {}): string {
  return escapeText(clean(value, path, st, flags.quiet));
}

function inlines(xs: readonly Inline[], path: string, st: State, flags: InlineFlags = {}): string {
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
  const label = x.type === "insertion" ? st.labels.inserted : st.labels.deleted;
  const tooltip = [
    label,
    x.author === undefined ? "" : `${st.labels.changeBy} ${x.author}`,
    x.date === undefined ? "" : `${st.labels.changeOn} ${formatDate(x.date, st.doc.meta.language)}`,
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

/** True when any inline of the document (footnotes included) is a tracked change. */
function hasChanges(doc: Document): boolean {
  const any = (xs: readonly Inline[]): boolean =>
    xs.some(
      (x) =>
        x.type === "insertion" || x.type === "deletion" || ("children" in x && any(x.children)),
    );
  const inBlock = (b: Block): boolean => {
    switch (b.type) {
      case "heading":
      case "paragraph":
        return any(b.children);
      case "list":
        return b.items.some((item) => item.some(inBlock));
      case "table":
        return (
          any(b.caption) ||
          any(b.source) ||
          b.notes.some(any) ||
          [...b.head, ...b.body].some((r) => r.cells.some((c) => any(c.children)))
        );
      case "figure":
        return any(b.caption) || any(b.source) || b.notes.some(any);
      case "keyFigures":
        return b.items.some((i) => any(i.label));
      case "callout":
        return b.children.some(inBlock);
      case "pageBreak":
      case "toc":
        return false;
      default:
        return false;
    }
  };
  return doc.blocks.some(inBlock) || doc.footnotes.some((f) => f.children.some(inBlock));
}

function numberInline(x: NumberInline, path: string, st: State, flags: InlineFlags): string {
  const shown = text(x.text, `${path}.text`, st, flags);
  if (x.value === null) {
    return `<abbr class="na" title="${escapeAttr(st.labels.notAvailable)}">${shown}</abbr>`;
  }
  const estimate = x.estimate ? ` title="${escapeAttr(st.labels.estimate)}"` : "";
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
  return `<sup class="footnote-ref"><a href="#fn-${n}" id="${id}" role="doc-noteref" aria-label="${escapeAttr(`${st.labels.note} ${n}`)}">${n}</a></sup>`;
}

const refId = (n: number, k: number) => (k === 1 ? `fnref-${n}` : `fnref-${n}-${k}`);

/**
 * Compile time: `node` is `never` once every type is handled (assertNever).
 * Run time: a node of a type this writer does not know is reported.
 */
function unhandled(node: never, path: string, st: State): string {
  try {
    assertNever(node);
  } catch {
    const type = String((node as { type?: unknown } | null)?.type);
    warn(st, "not-rendered", path, htmlMessages.notRendered(type, path));
  }
  return "";
}

// ---------------------------------------------------------------------------
// Ids

function uniqueId(base: string, st: State): string {
  let id = base;
  for (let k = 2; st.ids.has(id); k += 1) id = `${base}-${k}`;
  st.ids.add(id);
  return id;
}

function slug(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
}

function assignHeadingIds(st: State): void {
  // Ids the model fixed come first, so a generated one never takes them.
  st.doc.blocks.forEach((b) => {
    if ("id" in b && b.id !== undefined) st.ids.add(b.id);
  });
  st.doc.blocks.forEach((b, i) => {
    if (b.type !== "heading") return;
    if (b.id !== undefined) {
      st.headingIds.set(b, b.id);
      return;
    }
    const base = b.number
      ? `sec-${b.number.replace(/[^\p{L}\p{N}]+/gu, "-")}`
      : `sec-${slug(cleanText(plainText(b.children)).text) || String(i)}`;
    st.headingIds.set(b, uniqueId(base, st));
  });
}

/** The id of a block that carries one: the model's, or a generated one. */
function blockId(b: { id?: string | undefined }, fallback: string, st: State): string {
  return b.id ?? uniqueId(fallback, st);
}

// ---------------------------------------------------------------------------
// Blocks

function block(b: Block, path: string, st: State): string {
  switch (b.type) {
    case "heading":
      return heading(b, path, st);
    case "paragraph":
      return paragraph(b, path, st);
    case "list":
      return list(b, path, st);
    case "table":
      return table(b, path, st);
    case "figure":
      return figure(b, path, st);
    case "keyFigures":
      return keyFigures(b, path, st);
    case "callout":
      return callout(b, path, st);
    case "pageBreak":
      // A print instruction: invisible on screen, a forced break on paper.
      return `<div class="page-break"></div>`;
    case "toc":
      return toc(b.title, b.depth, path, st);
    default:
      return unhandled(b, path, st);
  }
}

function idAttr(id: string | undefined, st: State): string {
  if (id === undefined) return "";
  st.ids.add(id);
  return ` id="${escapeAttr(id)}"`;
}

function heading(h: Heading, path: string, st: State): string {
  const id = st.headingIds.get(h) ?? uniqueId("sec", st);
  const tag = `h${h.level + 1}`;
  const number = h.number
    ? `<span class="secno">${text(h.number, `${path}.number`, st)}</span> `
    : "";
  const content = inlines(h.children, `${path}.children`, st, { sans: true });
  return `<${tag} id="${escapeAttr(id)}">${number}${content}</${tag}>`;
}

function paragraph(p: Paragraph, path: string, st: State): string {
  return `<p${idAttr(p.id, st)}>${inlines(p.children, `${path}.children`, st)}</p>`;
}

function list(l: List, path: string, st: State): string {
  const tag = l.ordered ? "ol" : "ul";
  const items = l.items.map((item, i) => {
    const ipath = `${path}.items[${i}]`;
    const only = item[0];
    // A one-paragraph item is written without <p>: the list stays tight.
    if (item.length === 1 && only?.type === "paragraph" && only.id === undefined) {
      return `<li>${inlines(only.children, `${ipath}[0].children`, st)}</li>`;
    }
    const inner = item.map((b, k) =>
      b.type === "paragraph" ? paragraph(b, `${ipath}[${k}]`, st) : list(b, `${ipath}[${k}]`, st),
    );
    return `<li>${inner.join("\n")}</li>`;
  });
  return `<${tag}>\n${items.join("\n")}\n</${tag}>`;
}

function isEmpty(xs: readonly Inline[]): boolean {
  return plainText(xs).trim() === "" && !xs.some((x) => x.type === "footnoteRef");
}

function table(t: Table, path: string, st: State): string {
  const id = blockId(t, `table-${t.number}`, st);
  const footId = `${id}-notes`;
  const hasFoot = t.notes.length > 0 || t.source.length > 0;
  const colClass = (col: number, span: number): string => {
    if (span > 1) return "span";
    const c = t.columns[col];
    if (c?.numeric || c?.align === "right") return "num";
    return c?.align === "center" ? "center" : "";
  };
  const cls = (c: string) => (c === "" ? "" : ` class="${c}"`);

  const headRows = t.head.map((r, ri) => {
    let col = 0;
    const cells = r.cells.map((c, ci) => {
      const span = c.colSpan ?? 1;
      const cpath = `${path}.head[${ri}].cells[${ci}].children`;
      const klass = colClass(col, span);
      col += span;
      const colspan = span > 1 ? ` colspan="${span}"` : "";
      // An empty corner cell heads nothing: a <td>, so screen readers don't announce a blank header.
      if (isEmpty(c.children)) return `<td${colspan}></td>`;
      const scope = span > 1 ? "colgroup" : "col";
      return `<th scope="${scope}"${colspan}${cls(klass)}>${inlines(c.children, cpath, st, { sans: true })}</th>`;
    });
    return `<tr>${cells.join("")}</tr>`;
  });

  const groups: string[][] = [[]];
  t.body.forEach((r: Row, ri) => {
    const role = r.role ?? "body";
    if (role === "subheading" && (groups.at(-1)?.length ?? 0) > 0) groups.push([]);
    let col = 0;
    const cells = r.cells.map((c, ci) => {
      const span = c.colSpan ?? 1;
      const cpath = `${path}.body[${ri}].cells[${ci}].children`;
      const klass = span > 1 ? "" : colClass(col, span);
      const first = col === 0;
      col += span;
      const colspan = span > 1 ? ` colspan="${span}"` : "";
      const content = inlines(c.children, cpath, st, { sans: true });
      if (first && !isEmpty(c.children)) {
        const scope = role === "subheading" ? "rowgroup" : "row";
        return `<th scope="${scope}"${colspan}${cls(klass)}>${content}</th>`;
      }
      return `<td${colspan}${cls(klass)}>${content}</td>`;
    });
    const rowClass = role === "body" ? "" : ` class="${role === "total" ? "total" : "subhead"}"`;
    groups.at(-1)?.push(`<tr${rowClass}>${cells.join("")}</tr>`);
  });

  const caption = `<caption><span class="label">${escapeText(st.labels.table)} ${t.number}.</span> ${inlines(t.caption, `${path}.caption`, st, { sans: true })}</caption>`;
  const parts = [
    `<div class="table-block" id="${escapeAttr(id)}">`,
    `<table${hasFoot ? ` aria-describedby="${escapeAttr(footId)}"` : ""}>`,
    caption,
    ...(headRows.length > 0 ? ["<thead>", ...headRows, "</thead>"] : []),
    ...groups.filter((g) => g.length > 0).flatMap((g) => ["<tbody>", ...g, "</tbody>"]),
    `</table>`,
    ...(hasFoot ? [foot(t.notes, t.source, footId, path, st)] : []),
    `</div>`,
  ];
  return parts.join("\n");
}

/** Notes, then the source line, under a table or figure. */
function foot(
  notes: readonly Inline[][],
  source: readonly Inline[],
  id: string,
  path: string,
  st: State,
): string {
  const sans = { sans: true };
  const lines = notes.map(
    (n, i) => `<p class="note">${inlines(n, `${path}.notes[${i}]`, st, sans)}</p>`,
  );
  if (source.length > 0) {
    lines.push(`<p class="source">${inlines(source, `${path}.source`, st, sans)}</p>`);
  }
  return `<div class="foot" id="${escapeAttr(id)}">\n${lines.join("\n")}\n</div>`;
}

function figure(f: Figure, path: string, st: State): string {
  const id = blockId(f, `figure-${f.number}`, st);
  const alt = clean(f.alt, `${path}.alt`, st);
  let picture: string;
  try {
    const out = sanitiseSvg(f.svg, {
      idPrefix: id,
      alt,
      width: f.width,
      height: f.height,
      cleanText: (s) => clean(s, `${path}.svg`, st),
    });
    if (out.removed.length > 0) {
      warn(st, "svg-sanitised", `${path}.svg`, htmlMessages.svgSanitised(f.number, out.removed));
    }
    picture = out.svg;
  } catch (e) {
    if (!(e instanceof SvgError)) throw e;
    const png = f.png;
    warn(
      st,
      "svg-invalid",
      `${path}.svg`,
      htmlMessages.svgInvalid(f.number, e.message, png ? "png" : "alt"),
    );
    picture =
      png && /^[A-Za-z0-9+/]+=*$/.test(png.base64)
        ? `<img src="data:image/png;base64,${png.base64}" width="${png.widthPx}" height="${png.heightPx}" alt="${escapeAttr(alt)}">`
        : `<p class="fallback">${escapeText(alt)}</p>`;
  }
  const caption = `<figcaption><span class="label">${escapeText(st.labels.figure)} ${f.number}.</span> ${inlines(f.caption, `${path}.caption`, st, { sans: true })}</figcaption>`;
  const hasFoot = f.notes.length > 0 || f.source.length > 0;
  return [
    `<figure class="figure" id="${escapeAttr(id)}">`,
    caption,
    picture,
    ...(hasFoot ? [foot(f.notes, f.source, `${id}-notes`, path, st)] : []),
    `</figure>`,
  ].join("\n");
}

function keyFigures(k: KeyFigures, path: string, st: State): string {
  st.counts.keyFigures += 1;
  const id = blockId(k, `key-figures-${st.counts.keyFigures}`, st);
  const title = k.title === undefined ? st.labels.keyFigures : clean(k.title, `${path}.title`, st);
  const items = k.items.map((item, i) => {
    const ipath = `${path}.items[${i}]`;
    const label = inlines(item.label, `${ipath}.label`, st, { sans: true });
    return `<div><dt>${label}</dt><dd>${numberInline(item.value, `${ipath}.value`, st, {})}</dd></div>`;
  });
  return [
    // A group, not a landmark: a brief may hold several boxes with the same title, and
    // landmarks must have unique names (ARIA landmark navigation would list them all alike).
    `<div class="key-figures" role="group" id="${escapeAttr(id)}" aria-labelledby="${escapeAttr(id)}-title">`,
    `<p class="box-title" id="${escapeAttr(id)}-title">${escapeText(title)}</p>`,
    `<dl>`,
    ...items,
    `</dl>`,
    `</div>`,
  ].join("\n");
}

function callout(c: Callout, path: string, st: State): string {
  st.counts.callout += 1;
  const id = blockId(c, `callout-${st.counts.callout}`, st);
  const fallback =
    c.kind === "finding"
      ? st.labels.finding
      : c.kind === "recommendation"
        ? st.labels.recommendation
        : st.labels.note;
  const title = c.title === undefined ? fallback : clean(c.title, `${path}.title`, st);
  return [
    // role="note" (ARIA: content ancillary to the main text) rather than aside's implicit
    // complementary landmark: a brief has many callouts, often with the same title.
    `<aside class="callout ${c.kind}" role="note" id="${escapeAttr(id)}" aria-labelledby="${escapeAttr(id)}-title">`,
    `<p class="box-title" id="${escapeAttr(id)}-title">${escapeText(title)}</p>`,
    ...c.children.map((p, i) => paragraph(p, `${path}.children[${i}]`, st)),
    `</aside>`,
  ].join("\n");
}

function toc(title: string, depth: number, path: string, st: State): string {
  interface Entry {
    html: string;
    children: Entry[];
    level: number;
  }
  const root: Entry = { html: "", children: [], level: 0 };
  const stack: Entry[] = [root];
  st.doc.blocks.forEach((b, i) => {
    if (b.type !== "heading" || b.level > depth) return;
    const id = st.headingIds.get(b) ?? "";
    const number = b.number
      ? `<span class="secno">${text(b.number, "", st, { quiet: true })}</span> `
      : "";
    // Rendered again, quietly: any warning about this text was given where the heading stands.
    const label = inlines(b.children, `blocks[${i}].children`, st, {
      quiet: true,
      inLink: true,
      sans: true,
    });
    const entry: Entry = {
      html: `<a href="#${escapeAttr(id)}">${number}${label}</a>`,
      children: [],
      level: b.level,
    };
    while ((stack.at(-1)?.level ?? 0) >= b.level) stack.pop();
    stack.at(-1)?.children.push(entry);
    stack.push(entry);
  });
  const render = (entries: Entry[]): string =>
    entries.length === 0
      ? ""
      : `<ol>\n${entries.map((e) => `<li>${e.html}${e.children.length > 0 ? `\n${render(e.children)}\n` : ""}</li>`).join("\n")}\n</ol>`;
  return [
    `<nav class="toc" aria-labelledby="toc-title">`,
    `<h2 id="toc-title">${text(title, `${path}.title`, st)}</h2>`,
    render(root.children),
    `</nav>`,
  ].join("\n");
}

// ---------------------------------------------------------------------------
// Title block and endnotes

function formatDate(iso: string, language: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  const opts = { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" } as const;
  try {
    return new Intl.DateTimeFormat(language, opts).format(date);
  } catch {
    // An unknown language tag: fall back to British English rather than fail the build.
    return new Intl.DateTimeFormat("en-GB", opts).format(date);
  }
}

function titleBlock(st: State): string {
  const m = st.doc.meta;
  const t = (v: string, path: string) => text(v, path, st);
  const kicker = [
    m.organisation === undefined ? "" : `<span>${t(m.organisation, "meta.organisation")}</span>`,
    m.audienceLabel === undefined ? "" : `<span>${t(m.audienceLabel, "meta.audienceLabel")}</span>`,
  ].join("");
  const time = (iso: string) =>
    `<time datetime="${escapeAttr(iso)}">${escapeText(formatDate(iso, m.language))}</time>`;
  const item = (label: string, value: string) =>
    `<div><dt>${escapeText(label)}</dt><dd>${value}</dd></div>`;
  const byline = [
    m.author === undefined ? "" : item(st.labels.author, t(m.author, "meta.author")),
    item(st.labels.edition, t(m.edition, "meta.edition")),
    item(st.labels.published, time(m.date)),
    m.dataAsOf === undefined ? "" : item(st.labels.dataAsOf, time(m.dataAsOf)),
  ].filter((s) => s !== "");
  return [
    `<header class="title-block">`,
    ...(kicker === "" ? [] : [`<p class="kicker">${kicker}</p>`]),
    `<h1>${t(m.title, "meta.title")}</h1>`,
    ...(m.subtitle === undefined
      ? []
      : [`<p class="subtitle">${t(m.subtitle, "meta.subtitle")}</p>`]),
    `<dl class="byline">`,
    ...byline,
    `</dl>`,
    `</header>`,
  ].join("\n");
}

function endnotes(st: State): string {
  if (st.doc.footnotes.length === 0) return "";
  const items = st.doc.footnotes.map((f, i) => {
    const fpath = `footnotes[${i}]`;
    const paras = f.children.map((p, k) =>
      inlines(p.children, `${fpath}.children[${k}].children`, st),
    );
    const refs = st.refCounts.get(f.number) ?? 0;
    const back = Array.from({ length: refs }, (_, k) => {
      // "↑", not "↩": the Source fonts have it, and no platform draws it as an emoji.
      const mark = refs > 1 ? `↑<sup>${k + 1}</sup>` : "↑";
      const label = `${st.labels.backToReference} ${f.number}${refs > 1 ? `.${k + 1}` : ""}`;
      return `<a class="backlink" href="#${refId(f.number, k + 1)}" role="doc-backlink" aria-label="${escapeAttr(label)}">${mark}</a>`;
    }).join(" ");
    // The back-links close the last paragraph, where readers look for them.
    const last = paras.length - 1;
    const body = paras.map((p, k) => `<p>${p}${k === last && back !== "" ? ` ${back}` : ""}</p>`);
    return `<li id="fn-${f.number}" value="${f.number}">${body.join("")}</li>`;
  });
  return [
    `<section class="endnotes" role="doc-endnotes" aria-labelledby="notes-title">`,
    `<h2 id="notes-title">${escapeText(st.labels.notes)}</h2>`,
    `<ol>`,
    ...items,
    `</ol>`,
    `</section>`,
  ].join("\n");
}

// ---------------------------------------------------------------------------
// Fonts

/**
 * The faces the document uses, subset to its characters. Every printable ASCII
 * character is always in, so a small edit to the text rarely changes the font
 * bytes; beyond that, whatever the page (and the print margin boxes) show.
 */
function fontFaces(st: State, options: HtmlOptions, shown: string): FontFaceCss[] {
  const chars = new Set<number>();
  for (let c = 0x20; c < 0x7f; c += 1) chars.add(c);
  for (const ch of shown) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0x7f) chars.add(cp);
  }
  for (const label of Object.values(st.labels))
    for (const ch of label) chars.add(ch.codePointAt(0) ?? 0);
  const codePoints = [...chars].sort((a, b) => a - b);
  const { body, heading } = options.theme.fonts;
  const faces: Array<{
    family: string;
    file: string;
    weight: 400 | 700;
    style: "normal" | "italic";
  }> = [
    { family: body.name, file: body.regular, weight: 400, style: "normal" },
    ...(st.used.italic
      ? [{ family: body.name, file: body.italic, weight: 400 as const, style: "italic" as const }]
      : []),
    ...(st.used.bold
      ? [{ family: body.name, file: body.bold, weight: 700 as const, style: "normal" as const }]
      : []),
    ...(st.used.boldItalic
      ? [
          {
            family: body.name,
            file: body.boldItalic,
            weight: 700 as const,
            style: "italic" as const,
          },
        ]
      : []),
    { family: heading.name, file: heading.regular, weight: 400, style: "normal" },
    { family: heading.name, file: heading.bold, weight: 700, style: "normal" },
  ];
  return faces.map((f) => ({
    family: f.family,
    weight: f.weight,
    style: f.style,
    base64: Buffer.from(toWoff(subsetTtf(f.file, codePoints))).toString("base64"),
  }));
}
