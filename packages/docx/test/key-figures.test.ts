/**
 * A key-figures box keeps each value on one line: the columns and the size
 * are chosen from the widest value, measured in the embedded bold face.
 */
import { describe, expect, it } from "vitest";
import { keyFiguresFit } from "../src/blocks.js";

// A4 with 2.5 cm margins: 9,072 twips between them; a column's room is its width less 2 × 200.
const TEXT_WIDTH = 9072;
const room = (columns: number) => ((TEXT_WIDTH / columns - 400) / 20) * 0.98;

describe("keyFiguresFit", () => {
  it("keeps three to a row at the theme's size when every value fits", () => {
    expect(keyFiguresFit(room(3) - 1, 6, 20, TEXT_WIDTH)).toEqual({ perRow: 3, size: 20 });
    // Rows as even as they can be: 4 → 2 + 2, 5 → 3 + 2.
    expect(keyFiguresFit(50, 4, 20, TEXT_WIDTH).perRow).toBe(2);
    expect(keyFiguresFit(50, 5, 20, TEXT_WIDTH).perRow).toBe(3);
    expect(keyFiguresFit(50, 1, 20, TEXT_WIDTH).perRow).toBe(1);
  });

  it("sets every value smaller, to the half point, when the widest would wrap", () => {
    const { perRow, size } = keyFiguresFit(room(3) * 1.5, 6, 20, TEXT_WIDTH);
    expect(perRow).toBe(3);
    expect(size).toBeLessThan(20);
    expect(size).toBeGreaterThanOrEqual(11);
    expect((room(3) * 1.5 * size) / 20).toBeLessThanOrEqual(room(3));
    expect(size * 2).toBe(Math.round(size * 2));
  });

  it("takes fewer columns where even 11 pt would not fit", () => {
    const widest = room(3) * (20 / 11) * 1.2;
    const { perRow, size } = keyFiguresFit(widest, 6, 20, TEXT_WIDTH);
    expect(perRow).toBeLessThan(3);
    expect((widest * size) / 20).toBeLessThanOrEqual(room(perRow));
  });
});
