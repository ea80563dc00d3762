/**
 * Unit conversions between the theme (points, millimetres, CSS px) and
 * WordprocessingML (twips = 1/20 pt, half-points for type sizes, eighths of a
 * point for borders; ECMA-376 Part 1 §17.18).
 */

/** Points to twentieths of a point. */
export const twips = (pt: number) => Math.round(pt * 20);
/** Millimetres to twips. */
export const mmToTwips = (mm: number) => Math.round((mm * 1440) / 25.4);
/** Points to the half-points of `w:sz`. */
export const halfPoints = (pt: number) => Math.round(pt * 2);
/** Points to the eighths of a point of border widths (`w:sz` of `w:bdr`). */
export const eighths = (pt: number) => Math.round(pt * 8);
/** "#1f4e79" to "1F4E79", as OOXML writes colours. */
export const hex = (colour: string) => colour.replace(/^#/, "").toUpperCase();
/** Twips to CSS px (96 per inch), the unit of docx's image and chart sizes. */
export const twipsToPx = (tw: number) => (tw / 1440) * 96;
