/**
 * The stylesheet, generated from the theme's tokens so the HTML matches the
 * PDF and Word briefs: the same families, colours, type scale (points, as a
 * ratio of the body size) and A4 page with the same margins in print.
 *
 * Screen: one centred column as wide as the printed text block, the type
 * scaled up a quarter for reading at arm's length. Print: CSS Paged Media
 * (`@page` size, margins and margin boxes for the running header and the
 * "Page X of Y" footer, which Chromium draws since version 131), fragmentation
 * rules (CSS Fragmentation 3) that keep headings with what follows and never
 * split a figure, a table row or a box.
 */
import type { Theme } from "@briefkit/document";
import { cssString } from "./text.js";

export interface FontFaceCss {
  family: string;
  weight: 400 | 700;
  style: "normal" | "italic";
  /** WOFF bytes, base64. */
  base64: string;
}

export interface RunningText {
  /** Left of the running header: the title. */
  header: string;
  /** Right of the running header: edition and audience. */
  headerRight: string;
  /** The footer, "Page X of Y": its text, and the page counters where the numbers go. */
  pageOf: ReadonlyArray<string | PageCounter>;
}

/** A CSS page counter in a running text. */
export interface PageCounter {
  counter: "page" | "pages";
}

/** A running text as CSS `content`: text as strings, page counters as `counter()`. */
function runningContent(pieces: RunningText["pageOf"]): string {
  return pieces
    .map((p) => (typeof p === "string" ? cssString(p) : `counter(${p.counter})`))
    .join(" ");
}

/** CSS font stacks: the theme family first, then metric-compatible-ish fallbacks. */
export function fontStacks(theme: Theme, eastAsian = false): { serif: string; sans: string } {
  // The East Asian family right after the house one: a browser takes from it what the house font lacks.
  const ea = theme.fonts.eastAsian;
  const after = (name: string | undefined) =>
    eastAsian && name !== undefined ? `, ${cssString(name)}` : "";
  return {
    serif: `${cssString(theme.fonts.body.name)}${after(ea?.body.name)}, "Source Serif Pro", Georgia, Cambria, "Times New Roman", serif`,
    sans: `${cssString(theme.fonts.heading.name)}${after(ea?.heading.name)}, "Source Sans Pro", "Segoe UI", "Helvetica Neue", Arial, sans-serif`,
  };
}

/** Labels announced before tracked changes; given only when the document has some. */
export interface ChangeLabels {
  inserted: string;
  deleted: string;
}

export function stylesheet(
  theme: Theme,
  faces: readonly FontFaceCss[],
  running: RunningText,
  changes?: ChangeLabels,
): string {
  const { colors: c, sizes: s, page: p } = theme;
  // Sizes relative to the body size, so one root font-size scales screen and print alike.
  const em = (pt: number) => `${+(pt / s.body).toFixed(4)}rem`;
  // The printed measure: A4 width less the side margins, in body ems.
  const measure = +((((210 - p.marginLeft - p.marginRight) / 25.4) * 72) / s.body).toFixed(2);
  // Only a document with Japanese names the Japanese families, so other briefs' CSS is unchanged.
  const ea = theme.fonts.eastAsian;
  const eastAsian =
    ea !== undefined &&
    faces.some((f) => f.family === ea.body.name || f.family === ea.heading.name);
  const { serif, sans } = fontStacks(theme, eastAsian);
  const fontFaces = faces
    .map(
      (f) =>
        `@font-face{font-family:${cssString(f.family)};font-style:${f.style};font-weight:${f.weight};src:url(data:font/woff;base64,${f.base64}) format("woff")}`,
    )
    .join("\n");
  const accent2 = c.palette[1] ?? c.accent;
  // Only a document with tracked changes carries their rules, so other briefs' CSS is unchanged.
  const changeCss =
    changes === undefined
      ? ""
      : `
ins.change,del.change{color:${c.change};text-decoration-thickness:.08em;text-decoration-skip-ink:none}
ins.change{text-decoration-line:underline;text-underline-offset:.15em}
del.change{text-decoration-line:line-through}
ins.change::before,del.change::before{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
ins.change::before{content:${cssString(`[${changes.inserted}] `)}}
del.change::before{content:${cssString(`[${changes.deleted}] `)}}`;

  // A chart's text names its family in an attribute; the rule (which wins over it) adds the Japanese one.
  const svgText = eastAsian ? "\n.figure svg text{font-family:var(--sans)}" : "";
  return `${fontFaces}
:root{--text:${c.text};--muted:${c.muted};--accent:${c.accent};--accent2:${accent2};--rule:${c.rule};--panel:${c.panel};--serif:${serif};--sans:${sans};font-size:${+(s.body * 1.25).toFixed(2)}pt}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--text);font-family:var(--serif);font-size:1rem;line-height:${theme.lineHeight};font-kerning:normal;text-rendering:optimizeLegibility}
.page{max-width:${measure + 4}rem;margin:0 auto;padding:2.5rem 2rem 4rem}
.skip-link{position:absolute;left:-100vw;top:0;background:var(--accent);color:#fff;padding:.4rem .8rem;font-family:var(--sans)}
.skip-link:focus{left:0}
a{color:var(--accent);text-decoration-thickness:.06em;text-underline-offset:.15em}
a:focus-visible,.table-block:focus-visible{outline:2px solid var(--accent2);outline-offset:2px}
p{margin:0 0 .75em}
em{font-style:italic}
strong{font-weight:700}
.title-block{border-top:.45rem solid var(--accent);padding-top:1.4rem;margin-bottom:2.2rem;font-family:var(--sans)}
.title-block .kicker{margin:0 0 1.6rem;font-size:${em(s.small)};font-weight:700;letter-spacing:.09em;text-transform:uppercase;color:var(--accent);display:flex;flex-wrap:wrap;justify-content:space-between;gap:.3rem 1rem}
.title-block h1{font-size:${em(s.title)};line-height:1.12;font-weight:700;margin:0;color:var(--text);letter-spacing:-.01em}
.title-block .subtitle{font-size:${em(s.subtitle)};line-height:1.3;color:var(--muted);margin:.5rem 0 0}
.byline{display:flex;flex-wrap:wrap;gap:.5rem 2.2rem;margin:1.6rem 0 0;padding:.8rem 0 0;border-top:1px solid var(--rule);font-size:${em(s.caption)}}
.byline div{display:flex;flex-direction:column}
.byline dt{color:var(--muted);font-size:${em(s.small)};text-transform:uppercase;letter-spacing:.06em}
.byline dd{margin:0;font-weight:700}
h2,h3,h4{font-family:var(--sans);line-height:1.25;font-weight:700;margin:1.9em 0 .55em;color:var(--text)}
h2{font-size:${em(s.h1)};color:var(--accent)}
h3{font-size:${em(s.h2)}}
h4{font-size:${em(s.h3)}}
.secno{margin-right:.2em;font-variant-numeric:lining-nums tabular-nums}
h3 .secno,h4 .secno{color:var(--muted)}
ul,ol{margin:0 0 .75em;padding-left:1.4em}
main li{margin:0 0 .3em}
li>p{margin:0 0 .25em}
li>ul,li>ol{margin:.25em 0 .25em}
sup{font-size:.7em;line-height:0;vertical-align:.55em}
data{font-variant-numeric:lining-nums}
abbr[title]{text-decoration:none;cursor:help}
.toc{margin:0 0 2rem;padding:1rem 1.2rem;border-top:1px solid var(--rule);border-bottom:1px solid var(--rule);font-family:var(--sans)}
.toc h2{margin:0 0 .6rem;font-size:${em(s.caption)};text-transform:uppercase;letter-spacing:.08em;color:var(--muted)}
.toc ol{list-style:none;margin:0;padding:0}
.toc ol ol{padding-left:1.6rem;font-size:.95em}
.toc li{margin:.2rem 0}
.toc a{color:var(--text);text-decoration:none}
.toc a:hover{color:var(--accent);text-decoration:underline}
.toc .secno{display:inline-block;min-width:2em;margin:0;color:var(--accent)}
.figure,.table-block{margin:1.8rem 0;font-family:var(--sans)}
@media screen{.table-block{overflow-x:auto}}
.figure{padding:0}
figcaption,caption{font-family:var(--sans);font-size:${em(s.caption)};line-height:1.35;text-align:left;margin:0 0 .6rem;color:var(--text)}
caption{caption-side:top;padding:0 0 .2rem}
.label{font-weight:700;color:var(--accent)}
.figure svg{display:block;width:100%;max-width:100%;height:auto}
.figure img{display:block;max-width:100%;height:auto}
.figure .fallback{padding:1rem;background:var(--panel);font-size:${em(s.caption)}}
.foot{margin-top:.5rem;font-family:var(--sans);font-size:${em(s.small)};line-height:1.35;color:var(--muted)}
.foot p{margin:0 0 .15rem}
table{width:100%;border-collapse:collapse;font-family:var(--sans);font-size:${em(s.caption)};line-height:1.3;font-variant-numeric:lining-nums tabular-nums;border-top:1.5px solid var(--text);border-bottom:1.5px solid var(--text)}
caption{border-bottom:0}
th,td{padding:.3em .6em;vertical-align:bottom;text-align:left;border:0}
th:first-child,td:first-child{padding-left:0}
tr.spanned>:first-child{padding-left:.6em}
th:last-child,td:last-child{padding-right:0}
thead th,thead td{font-weight:700;vertical-align:bottom}
thead tr:last-child th,thead tr:last-child td{border-bottom:1px solid var(--text)}
thead th.span{text-align:center;border-bottom:1px solid var(--rule)}
tbody th{font-weight:400}
/* Body cells align on their first line, so a wrapped label still reads with its figures. */
tbody th,tbody td{vertical-align:baseline}
tbody tr+tr>*{border-top:1px solid #e3e3e3}
.num{text-align:right;font-variant-numeric:lining-nums tabular-nums;white-space:nowrap}
td.center,th.center{text-align:center}
tr.total>*{font-weight:700;border-top:1px solid var(--text)!important}
tr.subhead>*{font-weight:700;padding-top:.8em;color:var(--accent)}
.na{color:var(--muted)}
.key-figures{margin:1.6rem 0;padding:1.1rem 1.3rem 1.2rem;background:var(--panel);border-top:3px solid var(--accent);font-family:var(--sans)}
.box-title{margin:0 0 .7rem;font-family:var(--sans);font-size:${em(s.small)};font-weight:700;letter-spacing:.09em;text-transform:uppercase;color:var(--accent)}
.key-figures dl{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:1rem 1.4rem;margin:0}
.key-figures dl>div{display:flex;flex-direction:column;border-left:2px solid var(--rule);padding-left:.8rem}
.key-figures dd{order:-1;margin:0;font-size:${em(s.keyFigure)};line-height:1.1;font-weight:700;color:var(--accent);font-variant-numeric:lining-nums}
.key-figures dt{margin-top:.3rem;font-size:${em(s.caption)};line-height:1.3;color:var(--text)}
:lang(ja) .key-figures dl,:lang(zh) .key-figures dl,:lang(ko) .key-figures dl{grid-template-columns:repeat(auto-fit,minmax(15rem,1fr))}
:lang(ja) .key-figures dd,:lang(zh) .key-figures dd,:lang(ko) .key-figures dd{word-break:keep-all;overflow-wrap:anywhere}
.callout{margin:1.6rem 0;padding:.9rem 1.2rem .3rem;background:var(--panel);border-left:4px solid var(--accent)}
.callout.recommendation{border-left-color:var(--accent2)}
.callout.note{border-left-color:var(--rule);background:#f6f6f6}
/* The second palette colour marks the box; as small text on the panel it would fail WCAG contrast. */
.callout.recommendation .box-title{color:var(--text)}
.callout.note .box-title{color:var(--muted)}
.callout p{margin:0 0 .6em}
.footnote-ref a{text-decoration:none;font-family:var(--sans);font-weight:700;padding:0 .1em}
.endnotes{margin-top:3rem;padding-top:.6rem;border-top:1px solid var(--rule);font-size:${em(s.caption)}}
.endnotes h2{margin-top:.4rem;font-size:${em(s.h2)}}
.endnotes ol{padding-left:1.6em}
.endnotes li{margin:0 0 .4em}
.endnotes li::marker{font-family:var(--sans);font-weight:700;color:var(--accent)}
.endnotes li>p{margin:0 0 .3em}
.backlink{text-decoration:none;font-family:var(--sans);margin-left:.3em}
.colophon{margin-top:3rem;padding-top:.6rem;border-top:1px solid var(--rule);font-family:var(--sans);font-size:${em(s.small)};color:var(--muted)}
.page-break{height:0}${changeCss}${svgText}
@page{size:A4;margin:${p.marginTop}mm ${p.marginRight}mm ${p.marginBottom}mm ${p.marginLeft}mm;
@top-left{content:${cssString(running.header)};font-family:${sans};font-size:${s.small}pt;color:${c.muted};vertical-align:bottom;padding-bottom:4mm}
@top-right{content:${cssString(running.headerRight)};font-family:${sans};font-size:${s.small}pt;color:${c.muted};vertical-align:bottom;padding-bottom:4mm}
@bottom-right{content:${runningContent(running.pageOf)};font-family:${sans};font-size:${s.small}pt;color:${c.muted};vertical-align:top;padding-top:4mm}}
@page :first{@top-left{content:none}@top-right{content:none}}
@media print{
:root{font-size:${s.body}pt}
.page{max-width:none;margin:0;padding:0}
.skip-link{display:none}
body{print-color-adjust:exact;-webkit-print-color-adjust:exact}
a{color:inherit;text-decoration:none}
main a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em;color:var(--muted);overflow-wrap:anywhere}
.title-block{margin-bottom:1.6rem}
h2,h3,h4,figcaption,caption,.box-title{break-after:avoid;page-break-after:avoid}
/* The contents may run over a page (a long paper's does); its entries may not. */
.figure,.key-figures,.callout,.toc li,tr,.foot,.byline{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
p{orphans:3;widows:3}
.page-break{break-after:page;page-break-after:always}
.figure svg{max-height:120mm}
}`;
}
