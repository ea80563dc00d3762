/**
 * `renderChart`: a Vega-Lite spec + rows → SVG (and optionally PNG) + alt text.
 *
 * The pipeline, in the spirit of vega-lite's `bin/render.js` (headless View)
 * but locked down:
 *
 *   input ─► check ──────────────► normalise ─► compile ──► run ─────────► SVG ─► PNG
 *            shape, schema*,       rows bound,   vl.compile  vega.View       ids     resvg
 *            safety, rows,         UTC time,     + theme     renderer none   renum-  (opt.)
 *            fields, limits        theme ranges  config      refusing loader bered
 *                                                            fixed locale
 *            (* template specs only)                         mark count
 *
 * Every step reports `ChartIssue`s; any error stops the pipeline with a
 * `ChartError` before the next step runs, so nothing half-rendered escapes.
 */
import * as vega from "vega";
import * as vl from "vega-lite";
import { z } from "zod";
import { chartAltText, specAltText } from "./alt.js";
import { checkFields } from "./fields.js";
import { FontFileError, type MeasureContext, measureContext, withTextMetrics } from "./fonts.js";
import { guardRows, guardSpec, isSafeLink } from "./guard.js";
import type { ChartInput, ChartRow } from "./input.js";
import { positionIssues } from "./input.js";
import { ChartError, type ChartIssue, chartIssue } from "./issues.js";
import { wrapLegends } from "./legends.js";
import { type ChartLimits, defaultChartLimits } from "./limits.js";
import { numberLocaleFor, timeLocale } from "./locale.js";
import { messages } from "./messages.js";
import { type RasterImage, rasterize } from "./raster.js";
import { checkSchema } from "./schema.js";
import { canonicalIds, checkSvg, svgSize } from "./svg.js";
import {
  type ChartTheme,
  type ChartThemeOverrides,
  chartThemeConfig,
  resolveChartTheme,
  themeFallbackFiles,
  themeFontFiles,
  zodIssues,
} from "./theme.js";

/** How to render. */
export interface RenderOptions {
  /** Theme overrides, deep-merged over the house theme; default: the input's, else the house theme. */
  theme?: ChartThemeOverrides;
  /** Also rasterize: `true` for the theme's density, or explicit density / pixel cap. */
  png?: boolean | { density?: number; maxPixels?: number };
  /** Override some of `defaultChartLimits`. */
  limits?: Partial<ChartLimits>;
  /** The document's language (BCP 47): axis and value labels use its separators. Default en-US's. */
  locale?: string;
}

/** A rendered chart. */
export interface RenderedChart {
  /** Standalone SVG document; text in the theme's font family. */
  svg: string;
  /** CSS px size of the SVG. */
  width: number;
  height: number;
  /** Alt text generated from the data. */
  alt: string;
  /** The PNG, when asked for. */
  png?: RasterImage;
  /** Warnings (Vega-Lite's included); errors throw instead. */
  warnings: ChartIssue[];
}

const positive = z.number().int().positive();
const optionsSchema = z
  .object({
    theme: z.unknown().optional(),
    png: z
      .union([
        z.boolean(),
        z
          .object({ density: z.number().gt(0).max(8).optional(), maxPixels: positive.optional() })
          .strict(),
      ])
      .optional(),
    limits: z
      .object({
        maxWidth: positive.optional(),
        maxHeight: positive.optional(),
        maxRows: positive.optional(),
        maxMarks: positive.optional(),
        maxPixels: positive.optional(),
      })
      .strict()
      .optional(),
    locale: z.string().min(2).optional(),
  })
  .strict();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

interface Prepared {
  spec: Record<string, unknown>;
  rows: readonly ChartRow[];
  theme: ChartTheme;
  limits: ChartLimits;
  warnings: ChartIssue[];
}

/** Options + input checks shared by `checkChart` and `renderChart`. */
function prepare(
  input: ChartInput,
  options: RenderOptions,
): { prepared?: Prepared; issues: ChartIssue[] } {
  const parsedOptions = optionsSchema.safeParse(options);
  if (!parsedOptions.success) {
    return {
      issues: zodIssues(parsedOptions.error, (path, detail) =>
        chartIssue(
          "invalid-options",
          path,
          messages.invalidOptions("render options", `${path || "/"}: ${detail}`),
        ),
      ),
    };
  }
  const resolved = resolveChartTheme(options.theme ?? input.theme);
  if (!resolved.theme) return { issues: resolved.issues };
  const theme = resolved.theme;
  const limits: ChartLimits = { ...defaultChartLimits, ...options.limits };
  const spec = input.spec;
  if (!isObject(spec)) {
    return {
      issues: positionIssues(
        [chartIssue("spec-not-object", "", messages.specNotObject())],
        input.file,
        input.sourceText,
      ),
    };
  }
  const issues: ChartIssue[] = [];
  if (input.origin !== "preset") issues.push(...checkSchema(spec));
  const found = guardSpec(spec, limits);
  issues.push(...found.issues);
  const rows: readonly ChartRow[] = Array.isArray(input.rows) ? input.rows : [];
  issues.push(...guardRows(rows, found.linkFields, found.inlineRows, limits));
  if (rows.length === 0 && found.inlineRows === 0) {
    // Without data every field would be "unknown": say what is really wrong.
    issues.push(chartIssue("no-data", "rows", messages.noData()));
  } else if (!issues.some((i) => i.code === "too-many-rows" || i.code === "invalid-row")) {
    issues.push(...checkFields(spec, rows, found.linkFields));
  }
  const positioned = positionIssues(issues, input.file, input.sourceText);
  if (positioned.some((i) => i.severity === "error")) return { issues: positioned };
  return { prepared: { spec, rows, theme, limits, warnings: positioned }, issues: positioned };
}

/**
 * Check a chart without rendering it: options, theme, schema (template
 * specs), safety, rows, fields and limits. Returns every issue found.
 */
export function checkChart(input: ChartInput, options: RenderOptions = {}): ChartIssue[] {
  return prepare(input, options).issues;
}

/** Make temporal encodings UTC so output never depends on the machine's time zone. */
function pinUtc(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(pinUtc);
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = pinUtc(value);
  if (typeof out.timeUnit === "string" && !out.timeUnit.startsWith("utc"))
    out.timeUnit = `utc${out.timeUnit}`;
  if (
    isObject(out.timeUnit) &&
    typeof out.timeUnit.unit === "string" &&
    !out.timeUnit.unit.startsWith("utc")
  ) {
    out.timeUnit = { ...out.timeUnit, unit: `utc${out.timeUnit.unit}` };
  }
  if (out.type === "temporal" && typeof out.field === "string") {
    const scale = isObject(out.scale) ? out.scale : {};
    if (scale.type === undefined) out.scale = { ...scale, type: "utc" };
  }
  return out;
}

/** Give strokeDash encodings without a range the theme's dash patterns. */
function themeRanges(node: unknown, theme: ChartTheme): unknown {
  if (Array.isArray(node)) return node.map((n) => themeRanges(n, theme));
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "strokeDash" && isObject(value) && typeof value.field === "string") {
      const scale = isObject(value.scale) ? value.scale : {};
      out[key] =
        scale.range === undefined
          ? { ...value, scale: { ...scale, range: theme.lines.dashes } }
          : value;
    } else {
      out[key] = themeRanges(value, theme);
    }
  }
  return out;
}

/**
 * The spec vega-lite compiles: rows bound as the top-level data, UTC time,
 * theme ranges, legends wrapped to the chart's width.
 */
function normalise(
  spec: Record<string, unknown>,
  rows: readonly ChartRow[],
  theme: ChartTheme,
  measure: MeasureContext,
) {
  const bound: Record<string, unknown> = { ...spec };
  if (rows.length > 0 && (!isObject(spec.data) || !("values" in spec.data))) {
    // Copy rows: vega adds a Symbol id to every datum it ingests.
    bound.data = { values: rows.map((r) => ({ ...r })) };
  }
  // A single-view template spec without a size gets the theme's page size,
  // like the presets; facets and concatenations size their own cells.
  if (("mark" in spec || "layer" in spec) && !("width" in spec) && !("autosize" in spec)) {
    bound.width = theme.size.width;
    if (!("height" in spec)) bound.height = theme.size.height;
    bound.autosize = { type: "fit", contains: "padding" };
  }
  const wrapped = wrapLegends(bound, rows, theme, measure);
  return themeRanges(pinUtc(wrapped), theme) as Record<string, unknown>;
}

export interface Collected {
  issues: ChartIssue[];
  loads: string[];
}

/** A vega/vega-lite logger that collects instead of printing. */
function collectingLogger(collected: Collected, source: "vega" | "vega-lite") {
  let level = 0;
  const text = (args: unknown[]) =>
    args
      .map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : JSON.stringify(a)))
      .join(" ");
  const logger = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: unknown[]) {
      collected.issues.push(chartIssue("render-failed", "", messages.renderFailed(text(args))));
      return logger;
    },
    warn(...args: unknown[]) {
      const detail = text(args);
      if (source === "vega" && /load|fetch/i.test(detail)) {
        collected.issues.push(chartIssue("load-refused", "", messages.loadRefused(detail)));
      } else if (source === "vega-lite") {
        collected.issues.push(
          chartIssue(
            "vega-lite-warning",
            "",
            messages.vegaLiteWarning(detail),
            undefined,
            "warning",
          ),
        );
      }
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

/**
 * A vega loader that refuses every load: URLs, files, file:// — whatever the
 * spec asks. Links (`href`) are only "sanitized": already checked by the
 * guard, they pass through if safe and become empty otherwise. Rejecting an
 * href here would crash Node: vega's SVG renderer dereferences the result of
 * a failed sanitize in an unhandled promise.
 */
export function refusingLoader(collected: Collected) {
  const refuse = (what: string) => {
    collected.loads.push(what);
    return Promise.reject(new Error(messages.loadRefused(what)));
  };
  return {
    load: (uri: string) => refuse(uri),
    http: (uri: string) => refuse(uri),
    file: (name: string) => refuse(name),
    sanitize: (uri: string, options: { context?: string }) => {
      if (options?.context === "href") return Promise.resolve({ href: isSafeLink(uri) ? uri : "" });
      return refuse(uri);
    },
  };
}

interface SceneMark {
  marktype?: string;
  role?: string;
  items?: SceneItem[];
}
interface SceneItem {
  items?: SceneMark[];
  defined?: boolean;
}

function countMarks(mark: SceneMark, acc: { total: number; data: number }): void {
  const items = mark.items ?? [];
  acc.total += items.length;
  // Line and area items of missing values are "undefined" points: not data drawn.
  if (mark.role === "mark") acc.data += items.filter((i) => i.defined !== false).length;
  if (mark.marktype === "group") {
    for (const item of items) for (const child of item.items ?? []) countMarks(child, acc);
  }
}

function fail(issues: ChartIssue[], input: ChartInput): never {
  throw new ChartError(positionIssues(issues, input.file, input.sourceText));
}

/** Vega-Lite or vega threw: one render-failed issue with its message. */
function failRender(error: unknown, input: ChartInput): never {
  const message = error instanceof Error ? error.message : String(error);
  fail([chartIssue("render-failed", "", messages.renderFailed(message))], input);
}

/**
 * Render a chart to SVG (and PNG when asked), with alt text. Deterministic:
 * the same input and options give byte-identical SVG and PNG. Throws
 * `ChartError` with every issue found; never returns an empty chart or NaN.
 *
 * @example
 * const chart = await renderChart(lineChart(rows, { x: "period", y: "value", unit: "US$ billion" }),
 *   { png: { density: 2 } });
 * chart.svg; chart.png?.png; chart.alt;
 */
export async function renderChart(
  input: ChartInput,
  options: RenderOptions = {},
): Promise<RenderedChart> {
  const { prepared, issues } = prepare(input, options);
  if (!prepared) throw new ChartError(issues.filter((i) => i.severity === "error"));
  const { spec, rows, theme, limits } = prepared;
  const warnings = [...prepared.warnings];

  let measure: ReturnType<typeof measureContext>;
  try {
    measure = measureContext(theme.font.family, themeFontFiles(theme), themeFallbackFiles(theme));
  } catch (error) {
    if (error instanceof FontFileError) {
      throw new ChartError([
        chartIssue("font-file", "/font/faces", messages.fontFile(error.path, error.reason)),
      ]);
    }
    throw error;
  }

  const collected: Collected = { issues: [], loads: [] };
  let vgSpec: vega.Spec;
  try {
    const compiled = vl.compile(
      normalise(spec, rows, theme, measure) as unknown as vl.TopLevelSpec,
      {
        config: chartThemeConfig(theme) as vl.Config,
        logger: collectingLogger(collected, "vega-lite") as never,
      },
    );
    vgSpec = compiled.spec;
  } catch (error) {
    failRender(error, input);
  }
  warnings.push(...collected.issues.filter((i) => i.severity === "warning"));
  collected.issues = collected.issues.filter((i) => i.severity === "error");

  const svg = await withTextMetrics(measure, async () => {
    let view: vega.View;
    try {
      view = new vega.View(vega.parse(vgSpec), {
        renderer: "none",
        loader: refusingLoader(collected) as unknown as vega.Loader,
        logger: collectingLogger(collected, "vega") as never,
        logLevel: vega.Warn,
        locale: { number: numberLocaleFor(options.locale), time: timeLocale } as never,
      });
    } catch (error) {
      failRender(error, input);
    }
    try {
      await view.runAsync();
      const counts = { total: 0, data: 0 };
      countMarks((view.scenegraph() as unknown as { root: SceneMark }).root, counts);
      if (counts.total > limits.maxMarks) {
        fail(
          [
            chartIssue(
              "too-many-marks",
              "",
              messages.tooManyMarks(counts.total, limits.maxMarks),
              messages.tooManyHint(),
            ),
          ],
          input,
        );
      }
      if (collected.loads.length > 0 || collected.issues.length > 0) {
        const loads = collected.loads.map((l) =>
          chartIssue("load-refused", "", messages.loadRefused(l)),
        );
        fail([...loads, ...collected.issues], input);
      }
      if (counts.data === 0) fail([chartIssue("empty-chart", "", messages.emptyChart())], input);
      return canonicalIds(await view.toSVG());
    } finally {
      view.finalize();
    }
  });

  const svgIssues = checkSvg(svg);
  if (svgIssues.length > 0) fail(svgIssues, input);
  const size = svgSize(svg) ?? { width: 0, height: 0 };
  if (size.width > limits.maxWidth || size.height > limits.maxHeight) {
    fail(
      [
        chartIssue(
          "oversize",
          "",
          messages.outputOversize(size.width, size.height, limits.maxWidth, limits.maxHeight),
          messages.oversizeHint(),
        ),
      ],
      input,
    );
  }

  const boundRows =
    rows.length > 0
      ? rows
      : isObject(spec.data) && Array.isArray(spec.data.values)
        ? (spec.data.values as ChartRow[])
        : [];
  const alt = input.description
    ? chartAltText(boundRows, input.description, options.locale)
    : specAltText(spec, boundRows, options.locale);

  const result: RenderedChart = { svg, width: size.width, height: size.height, alt, warnings };
  if (options.png) {
    const png = options.png === true ? {} : options.png;
    result.png = rasterize(svg, {
      density: png.density ?? theme.png.density,
      maxPixels: Math.min(png.maxPixels ?? limits.maxPixels, limits.maxPixels),
      theme,
    });
  }
  return result;
}
