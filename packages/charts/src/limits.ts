/**
 * Resource limits of a chart render.
 *
 * A chart spec can come from a template someone else wrote. These caps keep
 * one chart from eating the machine: resvg took 9 s and 3.2 GB for a
 * 20000 × 20000 px render when we measured it, and a Vega `sequence` generator can
 * ask for a billion rows. Every cap is checked before the expensive step it
 * protects, and each has its own issue code.
 */

/** Caps applied to every render; override per call with `RenderOptions.limits`. */
export interface ChartLimits {
  /** Largest width a spec may ask for and the largest rendered SVG width, in CSS px. */
  maxWidth: number;
  /** Largest height a spec may ask for and the largest rendered SVG height, in CSS px. */
  maxHeight: number;
  /** Most data rows a chart may receive (rows + inline values + generators). */
  maxRows: number;
  /** Most scenegraph items (marks, axis ticks, labels...) a render may draw. */
  maxMarks: number;
  /** Most pixels (width × height) of a PNG. 1200 × 700 is ~0.8 M. */
  maxPixels: number;
}

/**
 * The default limits: 2000 × 2000 CSS px (three times an A4 text width),
 * 5000 rows, 20000 drawn items, 16 million PNG pixels (64 MB of RGBA).
 */
export const defaultChartLimits: Readonly<ChartLimits> = Object.freeze({
  maxWidth: 2000,
  maxHeight: 2000,
  maxRows: 5000,
  maxMarks: 20000,
  maxPixels: 16_000_000,
});
