/**
 * Step two of the writer: the packed OPC package (ECMA-376 Part 2) made
 * reproducible, with the theme's fonts embedded. The docx library stamps the
 * clock and random numbers into a package (see dolanmiu/docx
 * src/file/core-properties/properties.ts and src/export/packer/); the same
 * document must give the same bytes, so this step rewrites each of them:
 *
 * - docProps/core.xml is written here, with created/modified = ctx.now;
 * - relationship ids made from random strings (hyperlinks, charts, chart
 *   workbooks) are renamed rIdN, in the order of their .rels part;
 * - TOC bookmarks (`_TocN`, `w:id`), numbered from a counter the library
 *   shares between documents, are renumbered in document order;
 * - the fonts are embedded here (fontTable.xml, its relationships,
 *   `w:embedTrueTypeFonts`, and `w:saveSubsetFonts` for subsets), obfuscated
 *   with keys derived from the fonts themselves: the library's `fonts`
 *   option uses random keys, and deflating 2 MB of fonts on every write cost
 *   more than the rest of the writer. Which fonts is the caller's choice,
 *   made from the packed parts (a subset needs the text they show);
 * - the document's language goes where the library writes its own "en-US"
 *   (each chart's `c:lang` and text properties) and into settings.xml
 *   (`w:themeFontLang`), so that every part says the language styles.xml
 *   and core.xml give;
 * - embedded workbooks (a chart's data) and the package itself are zipped
 *   again with fixed entry dates and a fixed entry order.
 */
import { strFromU8, strToU8, unzipSync } from "fflate";
import type { CoreProperties } from "./build.js";
import type { FaceName } from "./font-usage.js";
import { type EmbeddedFamily, FACES } from "./fonts.js";
import { writeZip, type ZipEntry } from "./zip.js";

/** A package's parts by path. */
type Files = Record<string, Uint8Array>;

/** The families to embed, chosen from the package's parts. */
export type FontEmbedding = (parts: Readonly<Files>) => readonly EmbeddedFamily[];

export function normalisePackage(
  zip: Uint8Array,
  core: CoreProperties,
  now: Date,
  fonts: FontEmbedding,
  chartEastAsianFont?: string,
): Uint8Array {
  const files: Files = unzipSync(zip);
  files["docProps/core.xml"] = strToU8(coreXml(core, now));
  renameRandomRelationships(files);
  renumberBookmarks(files, "word/document.xml");
  setLanguage(files, core.language);
  if (chartEastAsianFont !== undefined) setChartEastAsianFont(files, chartEastAsianFont);
  for (const path of Object.keys(files)) {
    if (path.endsWith(".xlsx"))
      files[path] = zipFiles(unzipSync(files[path] as Uint8Array), now, []);
  }
  return zipFiles(files, now, embedFonts(files, fonts(files)));
}

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** W3CDTF to the second, as Word writes it. */
const w3cdtf = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** docProps/core.xml (ECMA-376 Part 2 §11): Dublin Core and OPC core properties. */
export function coreXml(core: CoreProperties, now: Date): string {
  const el = (name: string, value: string | undefined) =>
    value === undefined || value === "" ? "" : `<${name}>${escapeXml(value)}</${name}>`;
  const stamp = w3cdtf(now);
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    el("dc:title", core.title),
    el("dc:subject", core.subject),
    el("dc:creator", core.creator),
    el("cp:keywords", core.keywords),
    el("dc:description", core.description),
    el("dc:language", core.language),
    el("cp:lastModifiedBy", core.lastModifiedBy),
    "<cp:revision>1</cp:revision>",
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>`,
    "</cp:coreProperties>",
  ].join("");
}

/**
 * The document's language in the parts the library gives a fixed "en-US":
 * a chart's editing language (`c:lang`, DrawingML §21.2.2.87) and its text
 * properties' `lang` (§21.1.2.3.9); and the theme fonts' language
 * (`w:themeFontLang`, ECMA-376 Part 1 §17.15.1.88), which Word writes in
 * every document. Schema order puts themeFontLang after compat and before
 * elements the library does not write (clrSchemeMapping…): last.
 */
/**
 * A chart's East Asian text in `name`: the library writes `<a:ea
 * typeface="+mn-ea"/>`, the theme's minor East Asian font, which for
 * Japanese is a system font (Yu Mincho) the reader may lack; the document's
 * own (embedded) family draws it everywhere.
 */
function setChartEastAsianFont(files: Files, name: string): void {
  for (const path of Object.keys(files).filter((p) => /^word\/charts\/chart\d+\.xml$/.test(p))) {
    files[path] = strToU8(
      strFromU8(files[path] as Uint8Array).replace(
        /<a:ea typeface="\+mn-ea"\/>/g,
        `<a:ea typeface="${escapeXml(name)}"/>`,
      ),
    );
  }
}

function setLanguage(files: Files, language: string): void {
  const lang = escapeXml(language);
  for (const path of Object.keys(files).filter((p) => /^word\/charts\/chart\d+\.xml$/.test(p))) {
    const xml = strFromU8(files[path] as Uint8Array)
      .replace(/<c:lang val="[^"]*"\/>/, `<c:lang val="${lang}"/>`)
      .replace(/<a:(?:rPr|defRPr|endParaRPr)\b[^>]*>/g, (tag) =>
        tag.replace(/\slang="[^"]*"/, ` lang="${lang}"`),
      );
    files[path] = strToU8(xml);
  }
  const settings = files["word/settings.xml"];
  if (settings === undefined) return;
  const xml = strFromU8(settings);
  if (xml.includes("<w:themeFontLang")) return;
  files["word/settings.xml"] = strToU8(
    xml.replace(/<\/w:settings>\s*$/, `<w:themeFontLang w:val="${lang}"/></w:settings>`),
  );
}

/** The part a .rels part belongs to: "word/_rels/document.xml.rels" → "word/document.xml". */
const ownerOf = (rels: string) => rels.replace(/(^|\/)_rels\/([^/]*)\.rels$/, "$1$2");

function renameRandomRelationships(files: Files): void {
  for (const rels of Object.keys(files).filter((p) => p.endsWith(".rels"))) {
    const xml = strFromU8(files[rels] as Uint8Array);
    const ids = [...xml.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1] as string);
    let next = Math.max(0, ...ids.map((id) => Number(/^rId(\d+)$/.exec(id)?.[1] ?? 0)));
    const renames = new Map<string, string>();
    for (const id of ids) {
      if (/^rId\d+$/.test(id) || renames.has(id)) continue;
      next += 1;
      renames.set(id, `rId${next}`);
    }
    if (renames.size === 0) continue;
    // The random ids are 21 random characters: as a quoted attribute value
    // they cannot be mistaken for anything else in the part. Each is replaced
    // where it stands: pairing up every quote of the part instead went wrong
    // after a picture (a text quote shifted the pairs) and left a chart's
    // r:id dangling, which LibreOffice then drew as an empty object.
    const swap = (text: string) => {
      let out = text;
      for (const [from, to] of renames) out = out.split(`"${from}"`).join(`"${to}"`);
      return out;
    };
    files[rels] = strToU8(swap(xml));
    const owner = ownerOf(rels);
    const part = files[owner];
    if (part) files[owner] = strToU8(swap(strFromU8(part)));
  }
}

function renumberBookmarks(files: Files, path: string): void {
  const part = files[path];
  if (!part) return;
  const names = new Map<string, number>();
  const ids = new Map<string, number>();
  const number = (seen: Map<string, number>, key: string) => {
    if (!seen.has(key)) seen.set(key, seen.size + 1);
    return seen.get(key);
  };
  const xml = strFromU8(part)
    .replace(/_Toc(\d+)/g, (_, n: string) => `_Toc${number(names, n)}`)
    .replace(/<w:bookmark(?:Start|End)\b[^>]*>/g, (tag) =>
      tag.replace(/w:id="(\d+)"/, (_, n: string) => `w:id="${number(ids, n)}"`),
    );
  files[path] = strToU8(xml);
}

const EMBED_ELEMENT: Record<FaceName, string> = {
  regular: "embedRegular",
  bold: "embedBold",
  italic: "embedItalic",
  boldItalic: "embedBoldItalic",
};

/**
 * Embeds the families (ECMA-376 Part 1 §17.8.3: `w:font` with `w:embedRegular`
 * and its siblings in fontTable.xml, each face a font relationship to an
 * obfuscated part; `w:subsetted` on a subset, and `w:saveSubsetFonts` in the
 * settings, Word's "embed only the characters used", so that Word subsets
 * them again when it saves), and returns those parts as ready-made zip entries.
 */
function embedFonts(files: Files, families: readonly EmbeddedFamily[]): ZipEntry[] {
  if (families.length === 0) return [];
  const entries: ZipEntry[] = [];
  const relationships: string[] = [];
  let subsetted = false;
  const fonts = families.map((family) => {
    const embeds = FACES.flatMap((face) => {
      const f = family.faces[face];
      if (f === undefined) return [];
      subsetted ||= f.subsetted;
      const n = entries.length + 1;
      entries.push({
        path: `word/fonts/font${n}.odttf`,
        data: f.data,
        crc: f.crc,
        ...(f.deflated ? { deflated: f.deflated } : {}),
      });
      relationships.push(
        `<Relationship Id="rId${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/font" Target="fonts/font${n}.odttf"/>`,
      );
      return [
        `<w:${EMBED_ELEMENT[face]} r:id="rId${n}" w:fontKey="${f.key}"${f.subsetted ? ' w:subsetted="true"' : ""}/>`,
      ];
    });
    return `<w:font w:name="${escapeXml(family.name)}"><w:charset w:val="${family.charset}"/><w:family w:val="${family.generic}"/><w:pitch w:val="variable"/>${embeds.join("")}</w:font>`;
  });
  const table = strFromU8(files["word/fontTable.xml"] ?? strToU8(""));
  files["word/fontTable.xml"] = strToU8(
    /<\/w:fonts>\s*$/.test(table)
      ? table.replace(/<\/w:fonts>\s*$/, `${fonts.join("")}</w:fonts>`)
      : table.replace(/\/>\s*$/, `>${fonts.join("")}</w:fonts>`),
  );
  files["word/_rels/fontTable.xml.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationships.join("")}</Relationships>`,
  );
  files["word/settings.xml"] = strToU8(
    embedSettings(strFromU8(files["word/settings.xml"] ?? strToU8("")), subsetted),
  );
  return entries;
}

/**
 * settings.xml with `w:embedTrueTypeFonts` and, for subsets, `w:saveSubsetFonts`,
 * where the schema orders them (CT_Settings): after displayBackgroundShape,
 * embedTrueTypeFonts, then (after embedSystemFonts, never written here)
 * saveSubsetFonts, before the rest.
 */
function embedSettings(settings: string, subsetted: boolean): string {
  let out = settings;
  if (!out.includes("<w:embedTrueTypeFonts")) {
    out = out.includes("<w:displayBackgroundShape/>")
      ? out.replace(
          "<w:displayBackgroundShape/>",
          "<w:displayBackgroundShape/><w:embedTrueTypeFonts/>",
        )
      : out.replace(/(<w:settings\b[^>]*>)/, "$1<w:embedTrueTypeFonts/>");
  }
  if (subsetted && !out.includes("<w:saveSubsetFonts")) {
    out = out.replace(/<w:embedTrueTypeFonts\b[^>]*>/, "$&<w:saveSubsetFonts/>");
  }
  return out;
}

/**
 * A zip of the parts: "[Content_Types].xml" first, then the paths in
 * code-unit order, with the ready-made entries in their place.
 */
function zipFiles(files: Files, now: Date, ready: readonly ZipEntry[]): Uint8Array {
  const entries: ZipEntry[] = [
    ...Object.entries(files).map(([path, data]) => ({ path, data })),
    ...ready,
  ];
  entries.sort((a, b) => {
    if (a.path === "[Content_Types].xml") return -1;
    if (b.path === "[Content_Types].xml") return 1;
    return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  });
  return writeZip(entries, now);
}
