/**
 * DOCX writer benchmarks (run with `pnpm bench docx`): the kitchen-sink
 * fixture written warm (fonts read, estimator fonts parsed, modules loaded),
 * with and without the page-number estimate for its table of contents, with
 * the fonts whole, and with fonts subset anew on every write (each write
 * shows one character the others do not, so no subset is reused); and the
 * long table.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Document, houseTheme, para, validateDocument } from "@briefkit/document";
import { type DocxOptions, writeDocx } from "../src/index.js";

const fixtures = join(import.meta.dirname, "..", "..", "document", "test", "fixtures");

function load(name: string): Document {
  const { document } = validateDocument(
    JSON.parse(readFileSync(join(fixtures, `${name}.json`), "utf8")),
  );
  if (!document) throw new Error(`fixture ${name} is invalid`);
  return document;
}

const ctx = { now: new Date("2005-09-08T00:00:00Z"), log: () => {} };

function warm(name: string, extra: Partial<DocxOptions> = {}) {
  return async () => {
    const doc = load(name);
    const options: DocxOptions = { theme: houseTheme(), ...extra };
    // One write outside the timing: the first pays for reading and parsing fonts.
    await writeDocx(doc, options, ctx);
    return { doc, options };
  };
}

type Ctx = { doc: Document; options: DocxOptions };

/** The fixture with one more paragraph, showing the `n`th Cyrillic letter. */
function withLetter(doc: Document, n: number): Document {
  const letter = String.fromCodePoint(0x410 + (n % 64));
  return { ...doc, blocks: [...doc.blocks, para(`Letter ${letter}.`)] };
}

export default [
  {
    name: "kitchen-sink warm",
    budgetMs: 400,
    iterations: 20,
    setup: warm("kitchen-sink"),
    fn: ({ doc, options }: Ctx) => writeDocx(doc, options, ctx),
  },
  {
    name: "kitchen-sink warm, no page estimate",
    budgetMs: 150,
    iterations: 20,
    setup: warm("kitchen-sink", { estimatePages: false }),
    fn: ({ doc, options }: Ctx) => writeDocx(doc, options, ctx),
  },
  {
    name: "kitchen-sink warm, fonts: full",
    budgetMs: 400,
    iterations: 20,
    setup: warm("kitchen-sink", { fonts: "full" }),
    fn: ({ doc, options }: Ctx) => writeDocx(doc, options, ctx),
  },
  {
    name: "kitchen-sink warm, no page estimate, fonts subset anew",
    budgetMs: 200,
    iterations: 20,
    setup: async () => ({ ...(await warm("kitchen-sink", { estimatePages: false })()), n: 0 }),
    fn: (c: Ctx & { n: number }) => {
      c.n += 1;
      return writeDocx(withLetter(c.doc, c.n), c.options, ctx);
    },
  },
  {
    name: "long-table warm",
    budgetMs: 150,
    iterations: 20,
    setup: warm("long-table"),
    fn: ({ doc, options }: Ctx) => writeDocx(doc, options, ctx),
  },
];
