/**
 * The HTML writer: document model → one self-contained HTML5 file.
 *
 * One exhaustive `switch (node.type)` per node category, in blocks.ts and
 * inlines.ts (state.ts holds what they share), each ending in a `never`
 * case, so a new node type in @briefkit/document breaks this build until it
 * is handled; at run time a node from a newer model is reported as
 * "not-rendered", never dropped silently (cf. pandoc's BlockNotRendered).
 * This file assembles the page: head, title block, blocks, endnotes, fonts.
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
  type CharacterSet,
  coverage,
  coverageOnDemand,
  type Document,
  faceFile,
  type HtmlSettings,
  longDate,
  plainText,
  replaceForbidden,
  slotted,
  subsetTtf,
  type Terms,
  termsFor,
  toWoff,
  type Writer,
  type WriterOptions,
  walkDocument,
} from "@briefkit/document";
import { block } from "./blocks.js";
import { type FontFaceCss, type PageCounter, stylesheet } from "./css.js";
import { inlines } from "./inlines.js";
import { clean, refId, type State, slug, text, uniqueId } from "./state.js";
import { escapeAttr, escapeText } from "./text.js";

/** Options of the HTML writer: the contract's (theme, terms) and the HTML's own settings (`fonts`). */
export type HtmlOptions = WriterOptions & HtmlSettings;

/** The print footer's counters, where the terms' "Page X of Y" puts the numbers. */
const PAGE_COUNTERS: readonly PageCounter[] = [{ counter: "page" }, { counter: "pages" }];

/** Writes a document as one self-contained HTML file (text, like pandoc's TextWriter). */
export const writeHtml: Writer<HtmlOptions, string> = (doc, options, ctx) => {
  const theme = options.theme;
  const embed = (options.fonts ?? "subset") === "subset";
  const st: State = {
    doc,
    terms: termsFor(doc.meta.language, options.terms),
    ctx,
    ids: new Set(),
    headingIds: new Map(),
    refCounts: new Map(),
    footnotes: new Set(doc.footnotes.map((f) => f.number)),
    covered: embed ? coveredBy(theme) : undefined,
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
    `<a class="skip-link" href="#content">${escapeText(st.terms.skipToContent)}</a>`,
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
    m.edition ? st.terms.editionOf(m.edition) : "",
    m.audienceLabel,
  ]
    .filter((s): s is string => Boolean(s))
    .join(" · ");
  const running = {
    header: clean(m.title, "meta.title", st, true),
    headerRight: clean(headerRight, "meta.audienceLabel", st, true),
    pageOf: slotted(PAGE_COUNTERS, (page, pages) => st.terms.pageOf(page ?? "", pages ?? "")),
  };
  const shownRunning = [running.header, running.headerRight, st.terms.pageOf("", "")].join("");
  const faces = embed ? fontFaces(st, options, body + shownRunning) : [];
  const css = stylesheet(
    theme,
    faces,
    running,
    hasChanges(doc) ? { inserted: st.terms.inserted, deleted: st.terms.deleted } : undefined,
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
};

/** True when any inline of the document (footnotes included) is a tracked change. */
function hasChanges(doc: Document): boolean {
  let found = false;
  walkDocument(doc, {
    inline: (x) => {
      if (x.type === "insertion" || x.type === "deletion") found = true;
    },
  });
  return found;
}

// ---------------------------------------------------------------------------
// Ids

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
      : `sec-${slug(replaceForbidden(plainText(b.children)).text) || String(i)}`;
    st.headingIds.set(b, uniqueId(base, st));
  });
}

// ---------------------------------------------------------------------------
// Title block and endnotes

function titleBlock(st: State): string {
  const m = st.doc.meta;
  const t = (v: string, path: string) => text(v, path, st);
  const kicker = [
    m.organisation === undefined ? "" : `<span>${t(m.organisation, "meta.organisation")}</span>`,
    m.audienceLabel === undefined ? "" : `<span>${t(m.audienceLabel, "meta.audienceLabel")}</span>`,
  ].join("");
  const time = (iso: string) =>
    `<time datetime="${escapeAttr(iso)}">${escapeText(longDate(iso, m.language))}</time>`;
  const item = (label: string, value: string) =>
    `<div><dt>${escapeText(label)}</dt><dd>${value}</dd></div>`;
  const byline = [
    m.author === undefined ? "" : item(st.terms.author, t(m.author, "meta.author")),
    item(st.terms.edition, t(m.edition, "meta.edition")),
    item(st.terms.published, time(m.date)),
    m.dataAsOf === undefined ? "" : item(st.terms.dataAsOf, time(m.dataAsOf)),
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
      const label = st.terms.backToReference(`${f.number}${refs > 1 ? `.${k + 1}` : ""}`);
      return `<a class="backlink" href="#${refId(f.number, k + 1)}" role="doc-backlink" aria-label="${escapeAttr(label)}">${mark}</a>`;
    }).join(" ");
    // The back-links close the last paragraph, where readers look for them.
    const last = paras.length - 1;
    const body = paras.map((p, k) => `<p>${p}${k === last && back !== "" ? ` ${back}` : ""}</p>`);
    return `<li id="fn-${f.number}" value="${f.number}">${body.join("")}</li>`;
  });
  return [
    `<section class="endnotes" role="doc-endnotes" aria-labelledby="notes-title">`,
    `<h2 id="notes-title">${escapeText(st.terms.endnotes)}</h2>`,
    `<ol>`,
    ...items,
    `</ol>`,
    `</section>`,
  ].join("\n");
}

// ---------------------------------------------------------------------------
// Fonts

/** The words of the terms table the page may show, whatever the document holds. */
function wordsShown(t: Terms): string[] {
  return [
    t.figure,
    t.table,
    t.endnotes,
    t.author,
    t.edition,
    t.published,
    t.dataAsOf,
    t.calloutFinding,
    t.calloutNote,
    t.calloutRecommendation,
    t.keyFigures,
    t.skipToContent,
    t.pageOf("", ""),
  ];
}

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
  for (const word of wordsShown(st.terms)) for (const ch of word) chars.add(ch.codePointAt(0) ?? 0);
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
  const own = faces.map((f) => ({
    family: f.family,
    weight: f.weight,
    style: f.style,
    base64: Buffer.from(toWoff(subsetTtf(f.file, codePoints))).toString("base64"),
  }));
  return [...own, ...eastAsianFaces(options, codePoints, faces)];
}

/**
 * What the embedded fonts can show: the house families', then (read only
 * for a character they lack, so an English brief never reads their files)
 * the East Asian fallbacks'.
 */
function coveredBy(theme: HtmlOptions["theme"]): CharacterSet {
  const { body, heading, eastAsian } = theme.fonts;
  const house = new Set([...coverage(body.regular), ...coverage(heading.regular)]);
  if (eastAsian === undefined) return house;
  const theirs = [eastAsian.body, eastAsian.heading].map((f) => coverageOnDemand(f.regular));
  return { has: (cp) => house.has(cp) || theirs.some((t) => t.has(cp)) };
}

/**
 * The East Asian fallback's faces, one beside each upright house face the
 * document uses, subset to the characters the house fonts lack and the fallback has
 * (the stylesheet names the fallback right after the house family, so a
 * browser takes from it only those). None when the text has none.
 */
function eastAsianFaces(
  options: HtmlOptions,
  codePoints: readonly number[],
  faces: ReadonlyArray<{ family: string; weight: 400 | 700; style: "normal" | "italic" }>,
): FontFaceCss[] {
  const { body, heading, eastAsian } = options.theme.fonts;
  if (eastAsian === undefined) return [];
  const house = new Set([...coverage(body.regular), ...coverage(heading.regular)]);
  const missing = codePoints.filter((cp) => !house.has(cp));
  // Most briefs need nothing the house fonts lack: then the East Asian files (13 MB) are never read.
  if (missing.length === 0) return [];
  const theirs = new Set([
    ...coverage(eastAsian.body.regular),
    ...coverage(eastAsian.heading.regular),
  ]);
  const only = missing.filter((cp) => theirs.has(cp));
  if (only.length === 0) return [];
  // No italic faces: Japanese has none (the files would be the upright ones again, 130 kB each);
  // a browser sets italic Japanese in the upright face.
  return faces.flatMap((f) => {
    if (f.style === "italic") return [];
    const family = f.family === body.name ? eastAsian.body : eastAsian.heading;
    return {
      family: family.name,
      weight: f.weight,
      style: f.style,
      base64: Buffer.from(
        toWoff(subsetTtf(faceFile(family, f.weight === 700, false), only)),
      ).toString("base64"),
    };
  });
}
