/**
 * The edition diff as people read it: a terminal report, a Markdown file
 * and a self-contained HTML page (inline CSS, no script, nothing loaded).
 * All three render the same `EditionDiff` from @briefkit/compose in the same
 * order: data, figures stated, sentences per audience, tables, charts.
 */
import type { EditionDiff, IndicatorChange, SentenceChange } from "@briefkit/compose";

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

function dataCount(d: EditionDiff): number {
  return d.data.summary.reduce((n, g) => n + g.items.length, 0);
}

function when(periods: readonly string[]): string {
  if (periods.length === 0) return "";
  return ` (${periods.length > 2 ? `${periods[0]}–${periods.at(-1)}` : periods.join("–")})`;
}

function indicatorLine(i: IndicatorChange): {
  label: string;
  before: string;
  after: string;
  change: string;
} {
  const signed = (x: number) => `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x).toFixed(1)}`;
  // A percentage moves in percentage points, never in per cent of itself.
  const pct =
    i.changePoints !== undefined
      ? `${signed(i.changePoints)} percentage points`
      : i.changePercent === undefined
        ? ""
        : `${signed(i.changePercent)}%`;
  const words = (w: string | undefined) => (w ? `, “${w}”` : "");
  return {
    label: i.label ?? i.id,
    before: `${i.before.text}${when(i.before.periods)}${words(i.before.words)}`,
    after: `${i.after.text}${when(i.after.periods)}${words(i.after.words)}`,
    change: pct,
  };
}

function sentenceCounts(s: readonly SentenceChange[]): string {
  const figures = s.filter((x) => x.what === "figures").length;
  const wording = s.filter((x) => x.what === "wording").length;
  const added = s.filter((x) => x.kind === "added").length;
  const removed = s.filter((x) => x.kind === "removed").length;
  return [
    figures ? `${figures} with new figures` : "",
    wording ? `${wording} reworded` : "",
    added ? `${added} added` : "",
    removed ? `${removed} removed` : "",
  ]
    .filter(Boolean)
    .join(", ");
}

/** The headline: what is compared, and how much changed. */
export function headline(d: EditionDiff): string[] {
  const sentences = d.audiences.reduce((n, a) => n + a.sentences.length, 0);
  return [
    `${d.template}: edition ${d.from.edition} (published ${d.from.published}) → edition ${d.to.edition} (published ${d.to.published}${d.to.dataAsOf ? `, data as of ${d.to.dataAsOf}` : ""})`,
    `${plural(dataCount(d), "data change")}, ${plural(d.indicators.length, "figure")} stated differently, ${plural(sentences, "sentence")} changed over ${plural(d.audiences.length, "audience")}, ${plural(d.tables.length, "table")} and ${plural(d.charts.length, "chart")} changed`,
  ];
}

// ---------------------------------------------------------------------------
// Terminal

export function terminalReport(d: EditionDiff): string {
  const out: string[] = [...headline(d), ""];
  out.push(`Data (${plural(dataCount(d), "change")})`);
  if (d.data.summary.length === 0) out.push("  no change");
  for (const g of d.data.summary) {
    out.push(`  ${g.title}${g.table ? ` [${g.table}]` : ""}`);
    for (const item of g.items) out.push(`    • ${item}`);
  }
  out.push("", `Figures the brief states (${plural(d.indicators.length, "indicator")})`);
  if (d.indicators.length === 0) out.push("  no change");
  const w = Math.max(0, ...d.indicators.map((i) => i.id.length));
  for (const i of d.indicators) {
    const l = indicatorLine(i);
    out.push(`  ${i.id.padEnd(w)}  ${l.before} → ${l.after}${l.change ? `  ${l.change}` : ""}`);
  }
  for (const a of d.audiences) {
    out.push(
      "",
      `Sentences: ${a.audience} (${a.label}), ${plural(a.sentences.length, "change")}${a.sentences.length ? `: ${sentenceCounts(a.sentences)}` : ""}`,
    );
    let section: string | undefined;
    for (const s of a.sentences) {
      if (s.section !== section) {
        section = s.section;
        out.push(`  § ${section || "(before the first heading)"}`);
      }
      const tag = s.kind === "changed" ? (s.what === "wording" ? "reworded" : "figures") : s.kind;
      out.push(`    [${tag}]`);
      if (s.before !== undefined) out.push(`      − ${s.before}`);
      if (s.after !== undefined) out.push(`      + ${s.after}`);
    }
  }
  out.push("", `Tables (${plural(d.tables.length, "change")})`);
  if (d.tables.length === 0) out.push("  no change");
  for (const t of d.tables) {
    out.push(`  ${t.caption} [${t.ref}]${t.status === "changed" ? "" : `: ${t.status}`}`);
    for (const c of t.columnsAdded) out.push(`    + column ${c}`);
    for (const c of t.columnsRemoved) out.push(`    − column ${c}`);
    for (const r of t.rowsAdded) out.push(`    + row ${r}`);
    for (const r of t.rowsRemoved) out.push(`    − row ${r}`);
    for (const c of t.cells) out.push(`    ${c.row} · ${c.column}: ${c.before} → ${c.after}`);
  }
  out.push("", `Charts (${plural(d.charts.length, "change")})`);
  if (d.charts.length === 0) out.push("  no change");
  for (const c of d.charts) {
    out.push(`  ${c.title} [${c.ref}]${c.status === "changed" ? "" : `: ${c.status}`}`);
    for (const x of c.categoriesAdded) out.push(`    + ${x}`);
    for (const x of c.categoriesRemoved) out.push(`    − ${x}`);
    for (const x of c.seriesAdded) out.push(`    + series ${x}`);
    for (const x of c.seriesRemoved) out.push(`    − series ${x}`);
    for (const v of c.values) {
      out.push(`    ${v.category} · ${v.series}: ${v.before ?? "—"} → ${v.after ?? "—"}`);
    }
  }
  return `${out.join("\n")}\n`;
}

// ---------------------------------------------------------------------------
// Markdown

/** Markdown text: characters that would start markup are escaped. */
function md(s: string): string {
  return s.replace(/([\\`*_[\]<>|#])/g, "\\$1");
}

export function markdownReport(d: EditionDiff): string {
  const [title, summary] = headline(d);
  const out: string[] = [
    `# Changes from edition ${md(d.from.edition)} to edition ${md(d.to.edition)}`,
    "",
    `${md(title!)}.`,
    "",
    `${md(summary!)}.`,
    "",
    "## Data",
    "",
  ];
  if (d.data.summary.length === 0) out.push("No change.", "");
  for (const g of d.data.summary) {
    out.push(`### ${md(g.title)}`, "");
    for (const item of g.items) out.push(`- ${md(item)}`);
    out.push("");
  }
  out.push("## Figures the brief states", "");
  if (d.indicators.length === 0) out.push("No change.", "");
  else {
    out.push("| Indicator | Before | After | Change |", "| --- | --- | --- | ---: |");
    for (const i of d.indicators) {
      const l = indicatorLine(i);
      out.push(
        `| ${md(l.label)} (\`${i.id}\`) | ${md(l.before)} | ${md(l.after)} | ${md(l.change)} |`,
      );
    }
    out.push("");
  }
  for (const a of d.audiences) {
    out.push(`## Sentences: ${md(a.label)} (\`${a.audience}\`)`, "");
    if (a.sentences.length === 0) {
      out.push("No change.", "");
      continue;
    }
    out.push(`${md(sentenceCounts(a.sentences))}.`, "");
    let section: string | undefined;
    for (const s of a.sentences) {
      if (s.section !== section) {
        section = s.section;
        out.push("", `### ${md(section || "Before the first heading")}`, "");
      }
      const tag =
        s.kind === "changed" ? (s.what === "wording" ? "reworded" : "new figures") : s.kind;
      out.push(`- **${tag}**`);
      if (s.before !== undefined) out.push(`  - before: ~~${md(s.before)}~~`);
      if (s.after !== undefined) out.push(`  - after: ${md(s.after)}`);
    }
    out.push("");
  }
  out.push("## Tables", "");
  if (d.tables.length === 0) out.push("No change.", "");
  for (const t of d.tables) {
    out.push(
      `### ${md(t.caption)} (\`${t.ref}\`)${t.status === "changed" ? "" : `: ${t.status}`}`,
      "",
    );
    for (const c of t.columnsAdded) out.push(`- new column: ${md(c)}`);
    for (const c of t.columnsRemoved) out.push(`- column removed: ${md(c)}`);
    for (const r of t.rowsAdded) out.push(`- new row: ${md(r)}`);
    for (const r of t.rowsRemoved) out.push(`- row removed: ${md(r)}`);
    for (const c of t.cells)
      out.push(`- ${md(c.row)}, ${md(c.column)}: ${md(c.before)} → ${md(c.after)}`);
    out.push("");
  }
  out.push("## Charts", "");
  if (d.charts.length === 0) out.push("No change.", "");
  for (const c of d.charts) {
    out.push(
      `### ${md(c.title)} (\`${c.ref}\`)${c.status === "changed" ? "" : `: ${c.status}`}`,
      "",
    );
    for (const x of c.categoriesAdded) out.push(`- new: ${md(x)}`);
    for (const x of c.categoriesRemoved) out.push(`- removed: ${md(x)}`);
    for (const x of c.seriesAdded) out.push(`- new series: ${md(x)}`);
    for (const x of c.seriesRemoved) out.push(`- series removed: ${md(x)}`);
    for (const v of c.values) {
      out.push(`- ${md(v.category)}, ${md(v.series)}: ${v.before ?? "—"} → ${v.after ?? "—"}`);
    }
    out.push("");
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

// ---------------------------------------------------------------------------
// HTML

function esc(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const CSS = `body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;max-width:60rem;margin:2rem auto;padding:0 1.2rem}
h1{font-size:1.6rem;margin:0 0 .4rem;color:#1f4e79}h2{font-size:1.2rem;margin:2rem 0 .6rem;border-bottom:1px solid #a6a6a6;padding-bottom:.2rem;color:#1f4e79}h3{font-size:1rem;margin:1.2rem 0 .4rem}
p.meta{color:#595959;margin:.2rem 0}ul{padding-left:1.3rem}li{margin:.2rem 0}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e3e3e3;vertical-align:top}td.num{text-align:right;white-space:nowrap}
del{color:#b3261e;text-decoration:line-through}ins{color:#1d6b2c;text-decoration:underline}
.tag{display:inline-block;min-width:6.5rem;font-size:.75rem;text-transform:uppercase;letter-spacing:.05em;color:#595959}
.pair{margin:.5rem 0 .8rem}.pair div{margin:.1rem 0 .1rem 1rem}code{font-size:.85em;color:#595959}`;

export function htmlReport(d: EditionDiff): string {
  const [title, summary] = headline(d);
  const out: string[] = [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="briefkit diff">',
    `<title>Changes from edition ${esc(d.from.edition)} to edition ${esc(d.to.edition)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    "<main>",
    `<h1>Changes from edition ${esc(d.from.edition)} to edition ${esc(d.to.edition)}</h1>`,
    `<p class="meta">${esc(title!)}</p>`,
    `<p class="meta">${esc(summary!)}</p>`,
    "<h2>Data</h2>",
  ];
  if (d.data.summary.length === 0) out.push("<p>No change.</p>");
  for (const g of d.data.summary) {
    out.push(`<h3>${esc(g.title)}</h3>`, "<ul>");
    for (const item of g.items) out.push(`<li>${esc(item)}</li>`);
    out.push("</ul>");
  }
  out.push("<h2>Figures the brief states</h2>");
  if (d.indicators.length === 0) out.push("<p>No change.</p>");
  else {
    out.push(
      "<table>",
      '<thead><tr><th scope="col">Indicator</th><th scope="col">Before</th><th scope="col">After</th><th scope="col">Change</th></tr></thead>',
      "<tbody>",
    );
    for (const i of d.indicators) {
      const l = indicatorLine(i);
      out.push(
        `<tr><th scope="row">${esc(l.label)} <code>${esc(i.id)}</code></th><td>${esc(l.before)}</td><td>${esc(l.after)}</td><td class="num">${esc(l.change)}</td></tr>`,
      );
    }
    out.push("</tbody>", "</table>");
  }
  for (const a of d.audiences) {
    out.push(`<h2>Sentences: ${esc(a.label)} <code>${esc(a.audience)}</code></h2>`);
    if (a.sentences.length === 0) {
      out.push("<p>No change.</p>");
      continue;
    }
    out.push(`<p>${esc(sentenceCounts(a.sentences))}.</p>`);
    let section: string | undefined;
    for (const s of a.sentences) {
      if (s.section !== section) {
        section = s.section;
        out.push(`<h3>${esc(section || "Before the first heading")}</h3>`);
      }
      const tag =
        s.kind === "changed" ? (s.what === "wording" ? "reworded" : "new figures") : s.kind;
      out.push(
        `<div class="pair"><span class="tag">${esc(tag)}</span>${s.before !== undefined ? `<div><del>${esc(s.before)}</del></div>` : ""}${s.after !== undefined ? `<div><ins>${esc(s.after)}</ins></div>` : ""}</div>`,
      );
    }
  }
  out.push("<h2>Tables</h2>");
  if (d.tables.length === 0) out.push("<p>No change.</p>");
  for (const t of d.tables) {
    out.push(
      `<h3>${esc(t.caption)} <code>${esc(t.ref)}</code>${t.status === "changed" ? "" : `: ${esc(t.status)}`}</h3>`,
      "<ul>",
    );
    for (const c of t.columnsAdded) out.push(`<li>New column: ${esc(c)}</li>`);
    for (const c of t.columnsRemoved) out.push(`<li>Column removed: ${esc(c)}</li>`);
    for (const r of t.rowsAdded) out.push(`<li>New row: ${esc(r)}</li>`);
    for (const r of t.rowsRemoved) out.push(`<li>Row removed: ${esc(r)}</li>`);
    for (const c of t.cells) {
      out.push(
        `<li>${esc(c.row)}, ${esc(c.column)}: <del>${esc(c.before)}</del> <ins>${esc(c.after)}</ins></li>`,
      );
    }
    out.push("</ul>");
  }
  out.push("<h2>Charts</h2>");
  if (d.charts.length === 0) out.push("<p>No change.</p>");
  for (const c of d.charts) {
    out.push(
      `<h3>${esc(c.title)} <code>${esc(c.ref)}</code>${c.status === "changed" ? "" : `: ${esc(c.status)}`}</h3>`,
      "<ul>",
    );
    for (const x of c.categoriesAdded) out.push(`<li>New: ${esc(x)}</li>`);
    for (const x of c.categoriesRemoved) out.push(`<li>Removed: ${esc(x)}</li>`);
    for (const x of c.seriesAdded) out.push(`<li>New series: ${esc(x)}</li>`);
    for (const x of c.seriesRemoved) out.push(`<li>Series removed: ${esc(x)}</li>`);
    for (const v of c.values) {
      out.push(
        `<li>${esc(v.category)}, ${esc(v.series)}: <del>${esc(String(v.before ?? "—"))}</del> <ins>${esc(String(v.after ?? "—"))}</ins></li>`,
      );
    }
    out.push("</ul>");
  }
  out.push("</main>", "</body>", "</html>");
  return `${out.join("\n")}\n`;
}
