/**
 * What a packed Word document shows in the fonts it embeds: the faces of each
 * family some text is set in, and the characters it shows. Embedding fonts
 * as subsets (Word's "embed only the characters used") needs both.
 *
 * Read from the package's parts, not from the document model, so that
 * everything that reaches a page counts, whoever put it there: the body,
 * headers and footers, footnotes, fields' cached results, list markers
 * (numbering.xml) and the text of native charts. A face is found the way
 * Word finds it (ECMA-376 Part 1 §17.7.2, the style hierarchy): document
 * defaults, table style, paragraph style, character style, direct
 * formatting. Where readers disagree or the hierarchy is ambiguous (bold and
 * italic toggle between style levels, and Word lets a table style beat the
 * Normal style), every reading is counted: embedding one face too many costs
 * a few kilobytes, one too few shows a substitute font.
 *
 * The parts are scanned tag by tag with one regular expression rather than
 * parsed by an XML parser: they are the docx library's output from this same
 * write (well-formed, double-quoted attributes, no CDATA or comments), and
 * only a dozen elements matter; the characters are every non-ASCII one in
 * the part. In a fresh process, saxes alone took about 150 ms on the 20-page
 * example's document.xml (216 kB); this whole function takes about 30 ms on
 * its parts cold and 6 ms warm.
 */

/** A face of a family, as fontTable.xml names its four embeddings. */
export type FaceName = "regular" | "bold" | "italic" | "boldItalic";

export interface FontUsage {
  /** By family name: the faces some text, list marker or paragraph mark is set in. */
  faces: ReadonlyMap<string, ReadonlySet<FaceName>>;
  /** The characters the package shows, and those readers add themselves; ascending. */
  codePoints: readonly number[];
}

/**
 * Characters that are in every subset, whatever the text. Word and
 * LibreOffice write some text themselves: page numbers and NUMPAGES,
 * refreshed tables of contents, SEQ numbers, chart axis labels formatted
 * with the reader's locale (its thousands separator may be a no-break or
 * narrow no-break space, or a right single quote). Printable ASCII holds the
 * digits and the usual separators; it also keeps LibreOffice using the
 * subset (recent versions ignore an embedded font marked subsetted that has
 * fewer than 26 glyphs when they open a document for editing: see
 * EmbeddedFontsManager::addEmbeddedFont) and keeps the subset the same across
 * small edits to the text, so a batch of briefs shares more of it.
 */
export const READER_CHARACTERS: readonly number[] = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i),
  0x00a0,
  0x2019,
  0x202f,
];

/** The run properties that choose a face. Absent: not set at this level. */
interface RunProps {
  /** rFonts' ascii and hAnsi fonts (Latin text; hAnsi beyond ASCII). */
  ascii?: string;
  hAnsi?: string;
  /** rFonts' eastAsia font: Word sets kana and kanji in it, whatever ascii and hAnsi say. */
  eastAsia?: string;
  bold?: boolean;
  italic?: boolean;
}

interface Style {
  basedOn?: string;
  run: RunProps;
  /** A table style's conditional formats (first row, banded rows...), any of which may apply. */
  conditional: RunProps[];
  numbering?: { numId?: string; level?: string };
}

interface StyleSheet {
  defaults: RunProps;
  styles: ReadonlyMap<string, Style>;
  /** The styles that apply when a paragraph, run or table names none (w:default="1"). */
  defaultOf: Readonly<Record<DefaultStyleType, string | undefined>>;
}
type DefaultStyleType = "paragraph" | "character" | "table";

/** numId → ilvl → the level's run properties (its marker's font and emphasis). */
type Numbering = ReadonlyMap<string, ReadonlyMap<string, RunProps>>;

/** Which faces of `families` the package's parts use, and which characters it shows. */
export function fontUsage(
  parts: Readonly<Record<string, Uint8Array>>,
  families: readonly string[],
): FontUsage {
  const decoder = new TextDecoder();
  const part = (path: string) => {
    const data = parts[path];
    return data === undefined ? "" : decoder.decode(data);
  };
  const characters = new Set<number>(READER_CHARACTERS);
  // Every character beyond ASCII anywhere in a part, attribute values
  // included: list markers (w:lvlText) and number formats (formatCode) are
  // attributes; so are alt text and authors' names, which only cost a glyph
  // or two. Entities are all ASCII but numeric references, read here too.
  const shownIn = (xml: string) => {
    for (const m of xml.matchAll(BEYOND_ASCII))
      for (const ch of m[0]) characters.add(ch.codePointAt(0) ?? 0);
    for (const m of xml.matchAll(NUMERIC_REFERENCE)) {
      const cp = Number.parseInt(m[2] as string, m[1] === "x" ? 16 : 10);
      if (cp >= 0x20 && cp <= 0x10ffff) characters.add(cp);
    }
  };
  const faces = new Map<string, Set<FaceName>>(families.map((f) => [f, new Set<FaceName>()]));
  const record = (props: RunProps) => {
    const face = faceName(props.bold ?? false, props.italic ?? false);
    if (props.ascii !== undefined) faces.get(props.ascii)?.add(face);
    if (props.hAnsi !== undefined) faces.get(props.hAnsi)?.add(face);
    if (props.eastAsia !== undefined) faces.get(props.eastAsia)?.add(face);
  };

  const sheet = styleSheet(part("word/styles.xml"));
  const numberingXml = part("word/numbering.xml");
  shownIn(numberingXml);
  const numbering = numberingLevels(numberingXml);
  const paths = Object.keys(parts).sort();
  for (const path of paths) {
    const story = STORY.test(path);
    if (!story && !CHART.test(path)) continue;
    const xml = part(path);
    shownIn(xml);
    if (story) scanStory(xml, sheet, numbering, record);
    else scanChart(xml, record);
  }
  return { faces, codePoints: [...characters].sort((a, b) => a - b) };
}

// Runs of UTF-16 code units past ASCII: a surrogate pair stays in one run.
const BEYOND_ASCII = /[\u0080-\uffff]+/g;
const NUMERIC_REFERENCE = /&#(x?)([0-9a-fA-F]+);/g;

/** The parts whose text Word lays out: the body, headers, footers, notes and comments. */
const STORY = /^word\/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/;
const CHART = /^word\/charts\/chart\d*\.xml$/;

function faceName(bold: boolean, italic: boolean): FaceName {
  if (bold) return italic ? "boldItalic" : "bold";
  return italic ? "italic" : "regular";
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const decode = (s: string) =>
  s.includes("&")
    ? s.replace(ENTITY, (_, hex?: string, dec?: string, name?: string) =>
        name !== undefined
          ? (NAMED[name] ?? "")
          : String.fromCodePoint(Number.parseInt(hex ?? dec ?? "0", hex === undefined ? 10 : 16)),
      )
    : s;

/** A tag's attributes, decoded. */
function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1] as string] = decode(m[2] as string);
  return out;
}

/** The attributes of the tag being read, parsed when asked for (most tags' never are). */
type Attributes = () => Record<string, string>;

interface ScanHandlers {
  /** An element opens; `stack` holds its ancestors' names, the parent last. */
  open?: (name: string, attrs: Attributes, stack: readonly string[]) => void;
  /** An element closes (a self-closing one right after it opens). */
  close?: (name: string, stack: readonly string[]) => void;
}

const TAG = /<(\/?)([^\s/>]+)[^>]*>/g;

/** Walks a part's tags in document order (its text is read by `shownIn`). */
function scan(xml: string, on: ScanHandlers): void {
  const stack: string[] = [];
  let start = 0;
  let end = 0;
  const attrs = () => attributes(xml.slice(start, end));
  TAG.lastIndex = 0;
  for (let m = TAG.exec(xml); m !== null; m = TAG.exec(xml)) {
    const name = m[2] as string;
    if (m[1] === "/") {
      on.close?.(stack.pop() as string, stack);
    } else if (name.charCodeAt(0) !== 0x3f && name.charCodeAt(0) !== 0x21) {
      // Not a declaration (<?xml ...?>) or a comment.
      start = m.index + 1 + name.length;
      end = TAG.lastIndex - 1;
      on.open?.(name, attrs, stack);
      if (xml.charCodeAt(end - 1) === 0x2f) on.close?.(name, stack);
      else stack.push(name);
    }
  }
}

/** ST_OnOff: a bare `<w:b/>` is on; "false", "0" and "off" are off. */
const onOff = (value: string | undefined) =>
  !(value === "false" || value === "0" || value === "off");

/**
 * Sets what a WordprocessingML rPr child says on `props`: rFonts (a theme
 * font, asciiTheme, beats the named one, as in Word), b, i.
 */
function runProperty(props: RunProps, name: string, attrs: Attributes): void {
  switch (name) {
    case "w:rFonts": {
      const a = attrs();
      const ascii = a["w:asciiTheme"] ?? a["w:ascii"];
      const hAnsi = a["w:hAnsiTheme"] ?? a["w:hAnsi"];
      const eastAsia = a["w:eastAsiaTheme"] ?? a["w:eastAsia"];
      if (ascii !== undefined) props.ascii = ascii;
      if (hAnsi !== undefined) props.hAnsi = hAnsi;
      if (eastAsia !== undefined) props.eastAsia = eastAsia;
      return;
    }
    case "w:b":
      props.bold = onOff(attrs()["w:val"]);
      return;
    case "w:i":
      props.italic = onOff(attrs()["w:val"]);
      return;
  }
}

/** `layers` from the lowest to the highest: each set property overrides the ones below. */
function merge(...layers: RunProps[]): RunProps {
  const out: RunProps = {};
  for (const layer of layers) {
    if (layer.ascii !== undefined) out.ascii = layer.ascii;
    if (layer.hAnsi !== undefined) out.hAnsi = layer.hAnsi;
    if (layer.eastAsia !== undefined) out.eastAsia = layer.eastAsia;
    if (layer.bold !== undefined) out.bold = layer.bold;
    if (layer.italic !== undefined) out.italic = layer.italic;
  }
  return out;
}

/** Are the innermost open elements `parent`, then `grandparent`, then `greatGrandparent`? */
function parentIs(
  stack: readonly string[],
  parent: string,
  grandparent?: string,
  greatGrandparent?: string,
): boolean {
  const n = stack.length;
  return (
    stack[n - 1] === parent &&
    (grandparent === undefined || stack[n - 2] === grandparent) &&
    (greatGrandparent === undefined || stack[n - 3] === greatGrandparent)
  );
}

function styleSheet(xml: string): StyleSheet {
  const styles = new Map<string, Style>();
  const defaultOf: Record<DefaultStyleType, string | undefined> = {
    paragraph: undefined,
    character: undefined,
    table: undefined,
  };
  const defaults: RunProps = {};
  let style: Style | undefined;
  let conditional: RunProps | undefined;
  scan(xml, {
    open(name, attrs, stack) {
      if (name === "w:style") {
        const a = attrs();
        const id = a["w:styleId"];
        style = { run: {}, conditional: [] };
        if (id === undefined) return;
        styles.set(id, style);
        const type = a["w:type"];
        if (
          onOff(a["w:default"] ?? "0") &&
          (type === "paragraph" || type === "character" || type === "table")
        )
          defaultOf[type] = id;
      } else if (name === "w:tblStylePr" && style) {
        conditional = {};
        style.conditional.push(conditional);
      } else if (name === "w:basedOn" && style && parentIs(stack, "w:style")) {
        const basedOn = attrs()["w:val"];
        if (basedOn !== undefined) style.basedOn = basedOn;
      } else if (
        (name === "w:numId" || name === "w:ilvl") &&
        style &&
        parentIs(stack, "w:numPr", "w:pPr", "w:style")
      ) {
        style.numbering ??= {};
        const value = attrs()["w:val"];
        if (name === "w:numId") style.numbering.numId = value;
        else style.numbering.level = value;
      } else if (parentIs(stack, "w:rPr", "w:style") && style) {
        runProperty(style.run, name, attrs);
      } else if (parentIs(stack, "w:rPr", "w:tblStylePr") && conditional) {
        runProperty(conditional, name, attrs);
      } else if (parentIs(stack, "w:rPr", "w:rPrDefault", "w:docDefaults")) {
        runProperty(defaults, name, attrs);
      }
    },
    close(name) {
      if (name === "w:style") style = undefined;
      else if (name === "w:tblStylePr") conditional = undefined;
    },
  });
  return { defaults, styles, defaultOf };
}

/** A style's basedOn chain, the root first (a cycle, which Word refuses, ends it). */
function chain(sheet: StyleSheet, id: string | undefined): Style[] {
  const out: Style[] = [];
  const seen = new Set<string>();
  for (let at = id; at !== undefined && !seen.has(at); ) {
    seen.add(at);
    const style = sheet.styles.get(at);
    if (!style) break;
    out.unshift(style);
    at = style.basedOn;
  }
  return out;
}

/** numbering.xml: each list's levels' run properties. */
function numberingLevels(xml: string): Numbering {
  const abstract = new Map<string, Map<string, RunProps>>();
  const nums = new Map<string, string>();
  let levels: Map<string, RunProps> | undefined;
  let level: RunProps | undefined;
  let num: string | undefined;
  scan(xml, {
    open(name, attrs, stack) {
      if (name === "w:abstractNum") {
        levels = new Map();
        abstract.set(attrs()["w:abstractNumId"] ?? "", levels);
      } else if (name === "w:lvl" && levels && parentIs(stack, "w:abstractNum")) {
        level = {};
        levels.set(attrs()["w:ilvl"] ?? "0", level);
      } else if (level && parentIs(stack, "w:rPr", "w:lvl")) {
        runProperty(level, name, attrs);
      } else if (name === "w:num") {
        num = attrs()["w:numId"];
      } else if (name === "w:abstractNumId" && num !== undefined && parentIs(stack, "w:num")) {
        nums.set(num, attrs()["w:val"] ?? "");
      }
    },
    close(name) {
      if (name === "w:abstractNum") levels = undefined;
      else if (name === "w:lvl") level = undefined;
      else if (name === "w:num") num = undefined;
    },
  });
  const out = new Map<string, ReadonlyMap<string, RunProps>>();
  for (const [id, abstractId] of nums) {
    const found = abstract.get(abstractId);
    if (found) out.set(id, found);
  }
  return out;
}

interface Paragraph {
  /** Its table's style id ("" for a table without one); undefined outside tables. */
  table?: string;
  style?: string;
  mark: RunProps;
  numId?: string;
  level?: string;
  /** Its properties are read (they come first), and its mark and marker recorded. */
  ready: boolean;
}

interface Run {
  style?: string;
  direct: RunProps;
}

const NOT_IN_TABLE = "\u0000";

/**
 * A story part (document, header, footer, notes): each run's and each
 * paragraph mark's face (the mark sets the height of an empty line), and
 * each list marker's.
 */
function scanStory(
  xml: string,
  sheet: StyleSheet,
  numbering: Numbering,
  record: (props: RunProps) => void,
): void {
  const memo = <T>(make: (id: string | undefined) => T) => {
    const known = new Map<string | undefined, T>();
    return (id: string | undefined) => {
      if (!known.has(id)) known.set(id, make(id));
      return known.get(id) as T;
    };
  };
  const styleRun = memo((id) => merge(...chain(sheet, id).map((s) => s.run)));
  // A table style's own properties, and each with one of its conditional formats on top.
  const tableReadings = memo((id): RunProps[] => {
    if (id === NOT_IN_TABLE) return [{}];
    const styles = chain(sheet, id === "" ? sheet.defaultOf.table : id);
    const base = merge(...styles.map((s) => s.run));
    return [base, ...styles.flatMap((s) => s.conditional).map((c) => merge(base, c))];
  });

  const done = new Set<string>();
  /**
   * Every reading of a run's properties: the table style below the
   * paragraph style (the hierarchy) and above it (Word's table styles beat a
   * Normal-styled paragraph), with bold and italic also read as toggles
   * (each style level that sets them flips them; direct formatting is
   * absolute).
   */
  const readings = (p: Paragraph, characterStyle: string | undefined, direct: RunProps) => {
    const paragraphStyle = p.style ?? sheet.defaultOf.paragraph;
    const key = [
      p.table ?? NOT_IN_TABLE,
      paragraphStyle,
      characterStyle,
      direct.ascii,
      direct.hAnsi,
      direct.eastAsia,
      direct.bold,
      direct.italic,
    ].join("\u0001");
    if (done.has(key)) return;
    done.add(key);
    const paragraph = styleRun(paragraphStyle);
    const character = styleRun(characterStyle);
    for (const table of tableReadings(p.table ?? NOT_IN_TABLE)) {
      const toggled = (k: "bold" | "italic") =>
        direct[k] ??
        [sheet.defaults, table, paragraph, character].reduce(
          (on, layer) => (layer[k] === true ? !on : on),
          false,
        );
      for (const props of [
        merge(sheet.defaults, table, paragraph, character, direct),
        merge(sheet.defaults, paragraph, table, character, direct),
      ]) {
        record(props);
        record({ ...props, bold: toggled("bold"), italic: toggled("italic") });
      }
    }
  };

  const tables: string[] = []; // the open tables' style ids, innermost last
  const paragraphs: Paragraph[] = [];
  const runs: Run[] = [];

  const ready = (p: Paragraph) => {
    if (p.ready) return;
    p.ready = true;
    readings(p, undefined, p.mark);
    const style = p.style ?? sheet.defaultOf.paragraph;
    const fromStyle = chain(sheet, style).findLast((s) => s.numbering)?.numbering;
    const marker = numbering
      .get(p.numId ?? fromStyle?.numId ?? "")
      ?.get(p.level ?? fromStyle?.level ?? "0");
    // The list marker: the paragraph mark's properties with its level's on top.
    if (marker) readings(p, undefined, merge(p.mark, marker));
  };

  scan(xml, {
    open(name, attrs, stack) {
      const p = paragraphs.at(-1);
      const r = runs.at(-1);
      if (name === "w:tbl") tables.push("");
      else if (name === "w:tblStyle" && parentIs(stack, "w:tblPr", "w:tbl"))
        tables[tables.length - 1] = attrs()["w:val"] ?? "";
      else if (name === "w:p")
        paragraphs.push({
          mark: {},
          ready: false,
          ...(tables.length > 0 ? { table: tables.at(-1) } : {}),
        });
      else if (name === "w:r") runs.push({ direct: {} });
      else if (p && parentIs(stack, "w:pPr", "w:p")) {
        if (name === "w:pStyle") p.style = attrs()["w:val"];
      } else if (p && parentIs(stack, "w:numPr", "w:pPr", "w:p")) {
        if (name === "w:numId") p.numId = attrs()["w:val"];
        else if (name === "w:ilvl") p.level = attrs()["w:val"];
      } else if (p && parentIs(stack, "w:rPr", "w:pPr", "w:p")) {
        runProperty(p.mark, name, attrs);
      } else if (r && parentIs(stack, "w:rPr", "w:r")) {
        if (name === "w:rStyle") r.style = attrs()["w:val"];
        else runProperty(r.direct, name, attrs);
      }
    },
    close(name, stack) {
      if (name === "w:tbl") tables.pop();
      else if (name === "w:pPr" && parentIs(stack, "w:p")) {
        const p = paragraphs.at(-1);
        if (p) ready(p);
      } else if (name === "w:p") {
        const p = paragraphs.pop();
        if (p) ready(p);
      } else if (name === "w:r") {
        const r = runs.pop();
        const p = paragraphs.at(-1);
        if (r && p) {
          ready(p);
          readings(p, r.style ?? sheet.defaultOf.character, r.direct);
        }
      }
    },
  });
}

/** A DrawingML rPr or defRPr's own attributes: `b` and `i`. */
function drawingProps(attrs: Attributes): RunProps {
  const { b, i } = attrs();
  const props: RunProps = {};
  if (b !== undefined) props.bold = b === "1" || b === "true";
  if (i !== undefined) props.italic = i === "1" || i === "true";
  return props;
}

/**
 * A chart's text: the chart's own text properties (c:chartSpace/c:txPr,
 * written after the chart), under each paragraph's (titles, axes, legend,
 * data labels), under each run's. `<a:latin typeface>` names the font.
 */
function scanChart(xml: string, record: (props: RunProps) => void): void {
  const paragraphs: Array<{ own: RunProps; runs: RunProps[] }> = [];
  let base: RunProps = {};
  const open: Array<{ own: RunProps; runs: RunProps[] }> = [];
  let props: RunProps | undefined;
  scan(xml, {
    open(name, attrs, stack) {
      if (name === "a:p") {
        const p = { own: {}, runs: [] };
        open.push(p);
        if (parentIs(stack, "c:txPr", "c:chartSpace")) base = p.own;
        else paragraphs.push(p);
      } else if (name === "a:defRPr" && parentIs(stack, "a:pPr", "a:p")) {
        props = open.at(-1)?.own;
        if (props) Object.assign(props, drawingProps(attrs));
      } else if (name === "a:rPr" && parentIs(stack, "a:r", "a:p")) {
        props = drawingProps(attrs);
        open.at(-1)?.runs.push(props);
      } else if (name === "a:latin" && props) {
        const typeface = attrs().typeface;
        if (typeface !== undefined) Object.assign(props, { ascii: typeface, hAnsi: typeface });
      } else if (name === "a:ea" && props) {
        const typeface = attrs().typeface;
        if (typeface !== undefined) props.eastAsia = typeface;
      }
    },
    close(name) {
      if (name === "a:defRPr" || name === "a:rPr") props = undefined;
      else if (name === "a:p") open.pop();
    },
  });
  record(base);
  for (const p of paragraphs) {
    const paragraph = merge(base, p.own);
    record(paragraph);
    for (const r of p.runs) record(merge(paragraph, r));
  }
}
