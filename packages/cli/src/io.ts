/**
 * The CLI's edge to the outside world: streams, working directory, exit codes.
 *
 * Commands receive an `Io` instead of touching `process` so that tests run the
 * whole CLI in-process and read exactly what a user would see.
 */
import type { PrintableIssue } from "./issues.js";

export interface Io {
  /** Directory that relative paths given by the user are resolved against. */
  cwd: string;
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * stderr is a terminal a person watches (and CI is not set): long commands
   * draw a progress bar there instead of a line per step. Default false.
   */
  tty?: boolean | undefined;
  /** The terminal's width, for that bar. */
  columns?: number | undefined;
}

/** Exit codes (docs/architecture.md, "Errors"): 0 ok, 1 invalid input, 2 usage error. */
export const ExitCode = { ok: 0, invalidInput: 1, usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A usage problem found after argument parsing (a folder that is not there, say). */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Invalid input found before any command ran (e.g. no dataset under a
 * topic), with the problems behind it when they have positions (two
 * vintages declaring one edition: each at its dataset.yaml).
 */
export class InputError extends Error {
  override name = "InputError";
  constructor(
    message: string,
    readonly issues: readonly PrintableIssue[] = [],
  ) {
    super(message);
  }
}
