/** Text of the CLI's own messages; the packages' issues carry their own text. */

export const cliMessages = {
  noEditions: (topicDir: string) =>
    `no edition found under ${topicDir}: expected folders such as ${topicDir}/2005 holding a dataset.yaml`,
  notADirectory: (flag: string, dir: string) => `${flag} ${dir}: no such folder`,
  noDatasetYaml: (dir: string) => `${dir}: no dataset.yaml in this folder`,
  editionNotFound: (edition: string, topicDir: string, known: readonly string[]) =>
    `edition ${edition} not found under ${topicDir} (editions there: ${known.join(", ") || "none"})`,
  validSummary: (dir: string, what: string, warnings: number) =>
    `✓ ${dir}: ${what}; valid${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}`,
  invalidSummary: (dir: string, errors: number, warnings: number) =>
    `✗ ${dir}: ${errors} error${errors === 1 ? "" : "s"}${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}; nothing was written`,
  failedSummary: (errors: number, warnings: number) =>
    `✗ ${errors} error${errors === 1 ? "" : "s"}${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}; nothing was written`,
  indicatorsSummary: (n: number, edition: string, errors: number, warnings: number) =>
    `${n} indicators evaluated against edition ${edition}${errors + warnings > 0 ? ` (${errors} errors, ${warnings} warnings)` : ""}`,
  noTemplate: (dir: string) => `${dir}: no template.yaml in this folder`,
  badEpoch: (value: string) => `SOURCE_DATE_EPOCH=${value} is not a number of seconds since 1970`,
  badFormat: (value: string, known: readonly string[]) =>
    `unknown format ${value} (formats: ${known.join(", ")}; give several as pdf,docx)`,
  writerWarning: (format: string, audience: string, code: string, message: string, path: string) =>
    `warning: ${format} (${audience}): ${message} [${code} at ${path}]`,
  overLength: (audience: string, pages: number, max: number) =>
    `warning: audience ${audience} runs to ${pages} pages; its target is at most ${max}`,
  outNotWritable: (dir: string, reason: string) =>
    `cannot write to ${dir}: ${reason}; earlier outputs are untouched`,
  fileSummary: (path: string, pages: number | undefined, bytes: number, ms: number) =>
    `${path.padEnd(44)} ${pages === undefined ? "       " : `${String(pages).padStart(3)} pp.`} ${bytes.toLocaleString("en-GB").padStart(11)} bytes ${Math.round(ms).toString().padStart(6)} ms`,
  buildSummary: (n: number, ms: number) =>
    `${n} file${n === 1 ? "" : "s"} written in ${(ms / 1000).toFixed(2)} s`,
  internalError: (message: string) =>
    `briefkit: internal error: ${message}\nThis is a bug in briefkit, not in your files; please report it with the command you ran.`,
  usageHint: "run `briefkit --help` for the commands and their options",
} as const;
