/**
 * The typed error the pure functions throw for mistakes in a definition, as
 * opposed to gaps in the data.
 *
 * Why two channels: a missing year or a zero denominator depends on the data
 * and the brief should still build, so it is a `{ status: "na" }` result. Adding
 * US$ to Mt, or a CAGR whose end precedes its start, is wrong whatever the
 * data says, so it is thrown here and turned into a positioned `Issue` by the
 * evaluator.
 */
import { errorMessage } from "./messages.js";

/** Details carried by each error code. */
export interface IndicatorErrorDetails {
  /** Two inputs with different units were combined (US$ + Mt). */
  "unit-mismatch": { operation: string; units: string[] };
  /** No known way from one unit to another. */
  "no-conversion": { from: string; to: string; known: string[] };
  /** An argument outside what the function accepts. */
  "bad-argument": { operation: string; argument: string; expected: string; found: string };
}

export type IndicatorErrorCode = keyof IndicatorErrorDetails;

/**
 * Thrown by the pure functions; `code` is stable, `message` comes from the
 * catalog in messages.ts.
 *
 * @example
 *   try { sum([usd, mt]) } catch (e) { if (e instanceof IndicatorError) e.code } // "unit-mismatch"
 */
export class IndicatorError<C extends IndicatorErrorCode = IndicatorErrorCode> extends Error {
  override readonly name = "IndicatorError";
  readonly code: C;
  readonly details: IndicatorErrorDetails[C];

  constructor(code: C, details: IndicatorErrorDetails[C]) {
    super(errorMessage(code, details as never));
    this.code = code;
    this.details = details;
  }
}
