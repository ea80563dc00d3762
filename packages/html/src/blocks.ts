/**
 * Block nodes → HTML: one function per node type behind an exhaustive
 * `switch (b.type)`. Headings `<h2>`–`<h4>` (the title is the one `<h1>`),
 * tables with `caption`, `thead`/`tbody` and `th scope`, figures with
 * `figcaption` and a sanitised inline SVG named by its alt text, key-figure
 * boxes as description lists, callouts as `role="note"`, the table of
 * contents as a `nav`. A block type this writer does not know is reported as
 * "not-rendered", never dropped silently.
 */
import {
  type Block,
  type Callout,
  type Figure,
  type Heading,
  type Inline,
  type KeyFigures,
  type List,
  type Paragraph,
  plainText,
  type Row,
  type Table,
} from "@briefkit/document";
import { inlines, numberInline } from "./inlines.js";
import { htmlMessages } from "./messages.js";
import { blockId, clean, type State, text, unhandled, uniqueId, warn } from "./state.js";
import { SvgError, sanitiseSvg } from "./svg.js";
import { escapeAttr, escapeText } from "./text.js";

export function block(b: Block, path: string, st: State): string {
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

  const spans = labelSpans(t);
  const labels = labelColumns(t);
  const groups: string[][] = [[]];
  t.body.forEach((r: Row, ri) => {
    const role = r.role ?? "body";
    if (role === "subheading" && (groups.at(-1)?.length ?? 0) > 0) groups.push([]);
    let col = 0;
    const cells = r.cells.map((c, ci) => {
      const span = c.colSpan ?? 1;
      const first = col === 0;
      // Taken into the label above it (its rowspan).
      if (first && spans[ri] === 0) {
        col += span;
        return "";
      }
      const cpath = `${path}.body[${ri}].cells[${ci}].children`;
      const klass = span > 1 ? "" : colClass(col, span);
      const label = span === 1 && role !== "subheading" && labels.has(col);
      col += span;
      const colspan = span > 1 ? ` colspan="${span}"` : "";
      const content = inlines(c.children, cpath, st, { sans: true });
      if (first && !isEmpty(c.children)) {
        const scope = role === "subheading" ? "rowgroup" : "row";
        const rowspan = (spans[ri] ?? 1) > 1 ? ` rowspan="${spans[ri]}"` : "";
        return `<th scope="${scope}"${rowspan}${colspan}${cls(klass)}>${content}</th>`;
      }
      if (label && !isEmpty(c.children)) return `<th scope="row"${cls(klass)}>${content}</th>`;
      return `<td${colspan}${cls(klass)}>${content}</td>`;
    });
    const classes = [
      ...(role === "body" ? [] : [role === "total" ? "total" : "subhead"]),
      // Its first cell is the label above's: the row's own first cell is not at the edge.
      ...(spans[ri] === 0 ? ["spanned"] : []),
    ];
    const rowClass = classes.length === 0 ? "" : ` class="${classes.join(" ")}"`;
    groups.at(-1)?.push(`<tr${rowClass}>${cells.join("")}</tr>`);
  });

  const captionId = uniqueId(`${id}-caption`, st);
  const caption = `<caption id="${escapeAttr(captionId)}"><span class="label">${escapeText(st.terms.table)} ${t.number}${escapeText(st.terms.captionEnd)}</span> ${inlines(t.caption, `${path}.caption`, st, { sans: true })}</caption>`;
  const parts = [
    // A wide table scrolls sideways on a narrow screen (css.ts), so its wrapper takes keyboard
    // focus, to be scrolled without a mouse (WCAG 2.1.1, axe's scrollable-region-focusable);
    // something focusable needs a name and a role: a region named by the caption, unique.
    `<section class="table-block" id="${escapeAttr(id)}" aria-labelledby="${escapeAttr(captionId)}" tabindex="0">`,
    `<table${hasFoot ? ` aria-describedby="${escapeAttr(footId)}"` : ""}>`,
    caption,
    ...(headRows.length > 0 ? ["<thead>", ...headRows, "</thead>"] : []),
    ...groups.filter((g) => g.length > 0).flatMap((g) => ["<tbody>", ...g, "</tbody>"]),
    `</table>`,
    ...(hasFoot ? [foot(t.notes, t.source, footId, path, st)] : []),
    `</section>`,
  ];
  return parts.join("\n");
}

/**
 * How many rows each body row's first cell spans. A label stands for the rows
 * under it whose first cell is empty, as a printed table shows it ("Yakutia"
 * over its Exports and Imports rows): without the span those rows would have no
 * row header (WCAG 1.3.1, axe's td-has-header). 0 marks a cell taken in by the
 * label above. A span stays within rows of one role, and a subheading row
 * (which opens its own row group) never spans or is spanned.
 */
function labelSpans(t: Table): number[] {
  const spans = t.body.map(() => 1);
  let anchor = -1;
  t.body.forEach((r, ri) => {
    const first = r.cells[0];
    const role = r.role ?? "body";
    const single = first !== undefined && (first.colSpan ?? 1) === 1 && role !== "subheading";
    const anchorRole = t.body[anchor]?.role ?? "body";
    if (anchor >= 0 && single && isEmpty(first.children) && role === anchorRole) {
      spans[anchor] = (spans[anchor] ?? 1) + 1;
      spans[ri] = 0;
      return;
    }
    anchor = single && !isEmpty(first.children) ? ri : -1;
  });
  return spans;
}

/**
 * Columns after the first whose cells label their row rather than hold data:
 * text columns with no column header ("Exports", "Imports" beside each
 * region). Their cells are row headers; as data cells they would have no
 * header at all.
 */
function labelColumns(t: Table): Set<number> {
  if (t.head.length === 0) return new Set();
  const headed = new Set<number>();
  for (const r of t.head) {
    let col = 0;
    for (const c of r.cells) {
      const span = c.colSpan ?? 1;
      if (!isEmpty(c.children)) for (let k = col; k < col + span; k += 1) headed.add(k);
      col += span;
    }
  }
  const labels = new Set<number>();
  t.columns.forEach((c, k) => {
    if (k > 0 && !headed.has(k) && !c.numeric && c.align !== "right") labels.add(k);
  });
  return labels;
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
  const caption = `<figcaption><span class="label">${escapeText(st.terms.figure)} ${f.number}${escapeText(st.terms.captionEnd)}</span> ${inlines(f.caption, `${path}.caption`, st, { sans: true })}</figcaption>`;
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
  const title = k.title === undefined ? st.terms.keyFigures : clean(k.title, `${path}.title`, st);
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
      ? st.terms.calloutFinding
      : c.kind === "recommendation"
        ? st.terms.calloutRecommendation
        : st.terms.calloutNote;
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
