/**
 * `writeDocx`, on the contract of @briefkit/document: the document model to
 * DOCX bytes, in two steps — build the docx library's object model
 * (build.ts), then pack it and normalise the package so the same input
 * always gives the same bytes (package.ts).
 */
import {
  assertNever,
  type Document,
  type DocxSettings,
  type FontFamily,
  type Theme,
  termsFor,
  type Writer,
  type WriterOptions,
} from "@briefkit/document";
import { Packer } from "docx";
import { buildFile, hasToc } from "./build.js";
import { fontUsage } from "./font-usage.js";
import { type Coverage, coverageOf, fullFamily, subsetFamily } from "./fonts.js";
import { type FontEmbedding, normalisePackage } from "./package.js";
import { pageEstimator } from "./page-numbers.js";
import { createScope } from "./scope.js";

/** Options of the DOCX writer: the contract's (theme, terms) and the DOCX's own settings. */
export type DocxOptions = WriterOptions & DocxSettings;

/** Writes a brief as a Word document (.docx). Warnings go to `ctx.log`; nothing is printed. */
export const writeDocx: Writer<DocxOptions, Promise<Uint8Array>> = async (doc, options, ctx) => {
  const theme = eastAsianIfUsed(doc, options.theme);
  const { eastAsian } = theme.fonts;
  const scope = createScope(
    theme,
    termsFor(doc.meta.language, options.terms),
    ctx.log,
    {
      body: withFallback(coverageOf(theme.fonts.body), eastAsian && coverageOf(eastAsian.body)),
      heading: withFallback(
        coverageOf(theme.fonts.heading),
        eastAsian && coverageOf(eastAsian.heading),
      ),
    },
    options.nativeCharts ?? true,
    ctx.now,
  );
  // Only a table of contents needs page numbers before the reader updates
  // fields (PAGE and NUMPAGES are live in every reader); laying the pages out
  // costs more than the rest of the writer together, so only then.
  const estimate = (options.estimatePages ?? true) && hasToc(doc);
  const { file, core } = buildFile(
    doc,
    scope,
    estimate ? { pageNumbers: await pageEstimator(theme) } : {},
  );
  const packed = await Packer.toBuffer(file);
  return normalisePackage(
    new Uint8Array(packed),
    core,
    ctx.now,
    fontEmbedding(theme, options),
    eastAsian?.heading.name,
  );
};

/**
 * The families the package embeds: the theme's body (roman) and heading
 * (swiss) families, whole or subset as the settings say, and its East Asian
 * families when the document uses them (`theme` has them only then:
 * eastAsianIfUsed), always subset: their whole files are 5-7 MB each.
 */
function fontEmbedding(theme: Theme, options: DocxSettings): FontEmbedding {
  if (options.embedFonts === false) return () => [];
  type Entry = { family: FontFamily; generic: "roman" | "swiss" };
  // One entry per family name: a theme may set body and headings in one family.
  const byName = (entries: readonly Entry[]) => {
    const families = new Map<string, Entry>();
    for (const entry of entries)
      if (!families.has(entry.family.name)) families.set(entry.family.name, entry);
    return families;
  };
  const house = byName([
    { family: theme.fonts.body, generic: "roman" },
    { family: theme.fonts.heading, generic: "swiss" },
  ]);
  const { eastAsian } = theme.fonts;
  const eastAsianFamilies = byName(
    eastAsian === undefined
      ? []
      : [
          { family: eastAsian.body, generic: "roman" },
          { family: eastAsian.heading, generic: "swiss" },
        ],
  );
  for (const name of house.keys()) eastAsianFamilies.delete(name);
  const mode = options.fonts ?? "subset";
  return (parts) => {
    const needsUsage = mode === "subset" || eastAsianFamilies.size > 0;
    const usage = needsUsage
      ? fontUsage(parts, [...house.keys(), ...eastAsianFamilies.keys()])
      : undefined;
    const subset = ({ family, generic }: Entry, charset: "00" | "80") =>
      subsetFamily(
        family,
        generic,
        usage?.faces.get(family.name) ?? new Set(),
        usage?.codePoints ?? [],
        charset,
      );
    const eastAsianEmbedded = [...eastAsianFamilies.values()]
      .filter(({ family }) => (usage?.faces.get(family.name)?.size ?? 0) > 0)
      .map((entry) => subset(entry, "80"));
    switch (mode) {
      case "full":
        return [
          ...[...house.values()].map(({ family, generic }) => fullFamily(family, generic)),
          ...eastAsianEmbedded,
        ];
      case "subset":
        return [...[...house.values()].map((entry) => subset(entry, "00")), ...eastAsianEmbedded];
      default:
        return assertNever(mode);
    }
  };
}

/**
 * The theme as this document needs it: its East Asian families only when the
 * document is in Japanese or shows a character only they have. So an English
 * brief's styles name no Japanese font and no East Asian language.
 */
function eastAsianIfUsed(doc: Document, theme: Theme): Theme {
  const { eastAsian, ...fonts } = theme.fonts;
  if (eastAsian === undefined) return theme;
  if (/^ja\b/i.test(doc.meta.language)) return theme;
  const house = [coverageOf(fonts.body), coverageOf(fonts.heading)];
  const theirs = coverageOf(eastAsian.body);
  for (const ch of JSON.stringify([doc.meta, doc.blocks, doc.footnotes])) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0x7f && !house.some((c) => c.has(cp)) && theirs.has(cp)) return theme;
  }
  return { ...theme, fonts };
}

/** A family's coverage with its East Asian fallback's: Word sets each character in whichever has it. */
function withFallback(own: Coverage, fallback: Coverage | undefined): Coverage {
  if (fallback === undefined) return own;
  return { name: `${own.name} / ${fallback.name}`, has: (cp) => own.has(cp) || fallback.has(cp) };
}
