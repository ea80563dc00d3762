/**
 * axe-core (Deque's accessibility engine) in headless Chromium, for the HTML
 * writer's tests and the CLI's (the example briefs, the diff report).
 *
 * - The browser is Debian's /usr/bin/chromium through puppeteer-core; no
 *   browser is ever downloaded.
 * - A page is loaded from its file, as a reader opens it, and axe's source is
 *   evaluated in it through DevTools, which the page's
 *   Content-Security-Policy does not govern: the file is checked as shipped.
 * - Rules: every rule tagged WCAG 2.0, 2.1 or 2.2 level A or AA (the
 *   obsolete 4.1.1 parsing ones included: duplicate ids) or best-practice,
 *   experimental and deprecated ones included, which axe leaves out by
 *   default (td-has-header, for one, is experimental).
 * - Viewports: a desktop window and 320 CSS px wide, the width of WCAG 1.4.10
 *   reflow, where a wide table scrolls sideways.
 *
 * A violation fails. So does an "incomplete" result (axe could not decide)
 * unless it is one of two known cases, each checked another way:
 * - text inside a chart (`svg[role=img]`): axe cannot find the background
 *   behind SVG text, so `chartText` measures each label's contrast against
 *   the page behind the chart (the charts draw no text over a mark);
 * - the footnote back-link "↑": a symbol, whose accessible name ("Back to
 *   reference 1") cannot contain it; its colour is every link's colour,
 *   which axe checks on the other links;
 * - the colour of text in a table that scrolls sideways (at 320 px): what
 *   the scroll box clips, axe cannot see. The stylesheet changes no colour
 *   with the width, and the same table is checked at desktop width, where
 *   it does not scroll.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer, { type Browser } from "puppeteer-core";

export const CHROMIUM = "/usr/bin/chromium";

/** axe's tags for WCAG 2.x A and AA, and its best practices. */
export const AXE_TAGS = [
  "wcag2a",
  "wcag2a-obsolete",
  "wcag2aa",
  "wcag21a",
  "wcag21aa",
  "wcag22aa",
  "best-practice",
] as const;

export interface Viewport {
  name: string;
  width: number;
  height: number;
}

export const VIEWPORTS: readonly Viewport[] = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "320 px", width: 320, height: 640 },
];

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

/** Debian's Chromium, headless, with a throw-away profile; `close` removes the profile too. */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "briefkit-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--user-data-dir=${profile}`,
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Why axe may leave a node undecided here; null: no known reason, so a failure. */
export type Undecided = "chart-text" | "symbol-link" | "scrolled-table" | null;

/** One node axe found wanting, or could not decide on. */
export interface AxeFinding {
  rule: string;
  impact: string | null;
  /** axe's CSS selector of the node. */
  target: string;
  /** What axe says is wrong or undecided. */
  summary: string;
  undecided: Undecided;
}

/** A text of a chart, its colour and the page behind the chart, as Chromium computes them. */
export interface ChartText {
  text: string;
  /** Computed `fill` and the page's background, [r, g, b, a] with channels 0–255 and alpha 0–1. */
  fill: number[] | null;
  background: number[];
  /** Product of the opacities from the text up to its <svg>. */
  opacity: number;
  fontSizePx: number;
  bold: boolean;
}

export interface AxeReport {
  /** The ids of the rules axe ran. */
  rules: string[];
  violations: AxeFinding[];
  incomplete: AxeFinding[];
  chartText: ChartText[];
}

// Page-side code as strings: this package's TypeScript lib has no DOM, on purpose.
const RUN = `(async () => {
  const rules = axe.getRules(${JSON.stringify(AXE_TAGS)}).map((r) => r.ruleId);
  const results = await axe.run(document, {
    runOnly: { type: "rule", values: rules },
    resultTypes: ["violations", "incomplete"],
  });
  const undecided = (rule, node) => {
    const el = document.querySelector(node.target[0]);
    if (el === null) return null;
    if (rule === "color-contrast" && el.closest('svg[role="img"]')) return "chart-text";
    if ((rule === "color-contrast" || rule === "label-content-name-mismatch") && el.closest('a[role="doc-backlink"]'))
      return "symbol-link";
    const box = el.closest(".table-block");
    if (rule === "color-contrast" && box !== null && box.scrollWidth > box.clientWidth) return "scrolled-table";
    return null;
  };
  const summary = (n) =>
    (n.failureSummary || [...n.any, ...n.all, ...n.none].map((c) => c.message).join("; ")).replace(/\\s+/g, " ").trim();
  const findings = (list, incomplete) => list.flatMap((r) => r.nodes.map((n) => ({
    rule: r.id,
    impact: n.impact || r.impact || null,
    target: n.target.join(" "),
    summary: summary(n),
    undecided: incomplete ? undecided(r.id, n) : null,
  })));
  const rgba = (s) => {
    const m = /^rgba?\\(([^)]*)\\)$/.exec(s);
    if (m === null) return null;
    const v = m[1].split(/[\\s,/]+/).filter((x) => x !== "").map(Number);
    return [v[0], v[1], v[2], v[3] === undefined ? 1 : v[3]];
  };
  const behind = (el) => {
    for (let e = el; e !== null; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c !== null && c[3] > 0) return c;
    }
    return [255, 255, 255, 1];
  };
  const chartText = [...document.querySelectorAll('svg[role="img"] text')]
    .filter((t) => t.textContent.trim() !== "")
    .map((t) => {
      const svg = t.closest("svg");
      let opacity = Number(getComputedStyle(t).fillOpacity);
      for (let e = t; e !== null; e = e === svg ? null : e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      const style = getComputedStyle(t);
      return {
        text: t.textContent.trim(),
        fill: rgba(style.fill),
        background: behind(svg.parentElement),
        opacity,
        fontSizePx: parseFloat(style.fontSize),
        bold: Number(style.fontWeight) >= 700,
      };
    });
  return {
    rules,
    violations: findings(results.violations, false),
    incomplete: findings(results.incomplete, true),
    chartText,
  };
})()`;

/**
 * Loads an HTML file in a new page at the viewport, with axe's source
 * evaluated in it, and returns what `script` (page-side JavaScript) gives.
 */
export async function evaluateWithAxe(
  browser: Browser,
  file: string,
  viewport: Viewport,
  script: string,
): Promise<unknown> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: viewport.width, height: viewport.height });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.evaluate("document.fonts.ready.then(() => true)");
    await page.evaluate(axeSource);
    return await page.evaluate(script);
  } finally {
    await page.close();
  }
}

/** Loads an HTML file in a new page at the viewport and runs axe on it. */
export async function auditFile(
  browser: Browser,
  file: string,
  viewport: Viewport,
): Promise<AxeReport> {
  return (await evaluateWithAxe(browser, file, viewport, RUN)) as AxeReport;
}

/** WCAG 2.x contrast ratio of two sRGB colours (channels 0–255). */
function contrastRatio(a: readonly number[], b: readonly number[]): number {
  const luminance = (c: readonly number[]) => {
    const [r, g, bl] = [c[0] ?? 0, c[1] ?? 0, c[2] ?? 0].map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** A chart label's shortfall: its contrast ratio against the page behind the chart, if below AA. */
function chartTextProblem(t: ChartText): string | null {
  if (t.fill === null) return `chart text "${t.text}": its fill is not a plain colour`;
  // The text's colour as painted: blended over the background by its opacity.
  const alpha = (t.fill[3] ?? 1) * t.opacity;
  const painted = [0, 1, 2].map(
    (i) => (t.fill?.[i] ?? 0) * alpha + (t.background[i] ?? 255) * (1 - alpha),
  );
  const ratio = contrastRatio(painted, t.background);
  // WCAG 1.4.3: large text (24 px, or 18.66 px bold) needs 3:1, other text 4.5:1.
  const large = t.fontSizePx >= 24 || (t.bold && t.fontSizePx >= 18.66);
  const needed = large ? 3 : 4.5;
  return ratio >= needed
    ? null
    : `chart text "${t.text}": contrast ${ratio.toFixed(2)}:1 against the page, needs ${needed}:1`;
}

/**
 * Every problem of a report, one line each, the rule id first: violations,
 * undecided results with no known reason, chart labels short of contrast.
 */
export function problems(report: AxeReport): string[] {
  const line = (kind: string, f: AxeFinding) =>
    `${f.rule} (${kind}${f.impact === null ? "" : `, ${f.impact}`}) ${f.target}: ${f.summary}`;
  return [
    ...report.violations.map((f) => line("violation", f)),
    ...report.incomplete.filter((f) => f.undecided === null).map((f) => line("undecided", f)),
    ...report.chartText.map(chartTextProblem).filter((p): p is string => p !== null),
  ];
}

/** The ids of the rules a report's violations break, once each, sorted. */
export function violatedRules(report: AxeReport): string[] {
  return [...new Set(report.violations.map((f) => f.rule))].sort();
}
