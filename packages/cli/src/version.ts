/** briefkit's version: `--version`, and part of every batch brief's inputs (batch/inputs.ts). */
export const VERSION = "0.1.0";
