/** Text of the document model's validation messages. */
export const documentMessages = {
  headingJump: (from: number, to: number) =>
    `heading level jumps from ${from} to ${to}; levels may only go one deeper at a time`,
  firstHeading: (level: number) => `the first heading has level ${level}; start at level 1`,
  rowWidth: (table: number, row: number, found: number, expected: number) =>
    `table ${table}, row ${row}: ${found} cells (counting spans) for ${expected} columns`,
  missingAlt: (figure: number) => `figure ${figure} has no alt text`,
  unknownFootnote: (n: number) => `footnote reference ${n} has no footnote text`,
  unusedFootnote: (n: number) => `footnote ${n} is never referenced`,
  unsafeLink: (url: string) => `link target "${url}" is not http(s) or mailto`,
  duplicateId: (id: string) => `id "${id}" is used by more than one node`,
  numbering: (kind: string, found: number, expected: number) =>
    `${kind} numbered ${found} where ${expected} was expected (numbering must run 1, 2, 3… in order)`,
  nestedChange: (type: string) =>
    `a tracked ${type} holds another insertion or deletion; changes cannot nest`,
  schema: (path: string, message: string) => `${path || "document"}: ${message}`,
  version: (found: unknown, expected: number) =>
    `document model version ${String(found)} cannot be read by this briefkit (model version ${expected})`,
} as const;
