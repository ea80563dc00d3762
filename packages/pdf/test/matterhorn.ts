/**
 * A checker for the machine-checkable Matterhorn Protocol 1.1 checkpoints
 * (PDF/UA-1, ISO 14289-1) that apply to briefkit's PDFs: no fonts but
 * embedded TrueType CID fonts, no forms, no optional content, no
 * attachments, no encryption. It reads the file's objects with
 * `qpdf --json` (streams decoded) and parses the page content streams
 * itself, so a finding names what a real reader would trip on.
 *
 * Checkpoints (Matterhorn numbers; the last two are the brief's own):
 * - 01-003 / 01-004 / 01-005: content is tagged or an artifact, never
 *   both, never neither (every text, path, image and XObject operator of
 *   every page is inside marked content with an MCID the structure tree
 *   holds, or inside an Artifact); 01-007: no /Suspects true;
 *   "7.1-markinfo": /MarkInfo /Marked true (ISO 14289-1 7.1);
 * - 06-001 / 06-002 / 06-003: XMP metadata with pdfuaid:part 1 and dc:title;
 * - 07-001 / 07-002: /ViewerPreferences /DisplayDocTitle true;
 * - 09-004 / 09-005 / 09-006: tables, lists and TOCs built as ISO 32000-1
 *   Tables 333, 336, 337 say;
 * - 11-001: /Lang in the catalog; 13-004: every Figure has /Alt;
 * - 14-002 / 14-003 / 14-007: headings start at H1 and skip no level,
 *   H and Hn not mixed;
 * - 15-003: every TH has a /Scope; 19-003 / 19-004: every Note has a
 *   unique /ID;
 * - 28-008 / 28-009: a page with annotations has /Tabs /S; 28-011 / 28-012:
 *   a link annotation sits in a Link element (by /StructParent and OBJR)
 *   and has /Contents;
 * - 31-005 / 31-009 / 31-027: fonts embedded, Type 2 CIDFonts with
 *   /CIDToGIDMap, a /ToUnicode map for every font;
 * - "title": /Title in the Info dictionary; "table-headers": every Table has
 *   a TH.
 */
import { execFileSync } from "node:child_process";

/** One failed checkpoint, with what failed where. */
export interface Finding {
  /** The Matterhorn checkpoint (e.g. "01-005"), or a name for the brief's own checks. */
  checkpoint: string;
  message: string;
}

/** qpdf's JSON (version 2) of a PDF: its objects by "obj:N G R", and the trailer. */
export interface QpdfJson {
  qpdf: [unknown, Record<string, QpdfObject>];
}
type QpdfObject = { value: PdfValue } | { stream: { dict: PdfDict; data?: string } };
type PdfValue = string | number | boolean | null | PdfValue[] | PdfDict;
type PdfDict = { [key: string]: PdfValue };

/** The objects of `file`, streams decoded, as qpdf reads them. */
export function readPdf(file: string): QpdfJson {
  const json = execFileSync(
    "qpdf",
    ["--json=2", "--json-stream-data=inline", "--decode-level=generalized", file, "-"],
    { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 },
  );
  return JSON.parse(json) as QpdfJson;
}

/** Checks a PDF file (see readPdf); no finding means every checkpoint passed. */
export function checkPdfUa(file: string): Finding[] {
  return checkObjects(readPdf(file));
}

const isRef = (v: PdfValue | undefined): v is string =>
  typeof v === "string" && /^\d+ \d+ R$/.test(v);
const isDict = (v: PdfValue | undefined): v is PdfDict =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** A PDF text string from qpdf's JSON ("u:…" text, "b:…" hex bytes). */
function text(v: PdfValue | undefined): string | undefined {
  if (typeof v !== "string") return undefined;
  if (v.startsWith("u:")) return v.slice(2);
  if (v.startsWith("b:")) return Buffer.from(v.slice(2), "hex").toString("latin1");
  return undefined;
}

/** Reads the objects: resolves references, decodes streams. */
class Objects {
  constructor(private readonly objects: Record<string, QpdfObject>) {}

  object(ref: string): QpdfObject | undefined {
    return this.objects[`obj:${ref}`];
  }
  get(v: PdfValue | undefined): PdfValue | undefined {
    if (!isRef(v)) return v;
    const o = this.object(v);
    if (o === undefined) return undefined;
    return "value" in o ? o.value : o.stream.dict;
  }
  dict(v: PdfValue | undefined): PdfDict | undefined {
    const d = this.get(v);
    return isDict(d) ? d : undefined;
  }
  array(v: PdfValue | undefined): PdfValue[] {
    const a = this.get(v);
    return Array.isArray(a) ? a : a === undefined || a === null ? [] : [a];
  }
  data(ref: PdfValue | undefined): Buffer {
    const o = isRef(ref) ? this.object(ref) : undefined;
    const data = o !== undefined && "stream" in o ? o.stream.data : undefined;
    return Buffer.from(data ?? "", "base64");
  }
  get trailer(): PdfDict {
    const t = this.objects.trailer;
    return t !== undefined && "value" in t && isDict(t.value) ? t.value : {};
  }
  /** The entries of a number tree (a page's or annotation's /StructParent(s) key → value). */
  numberTree(v: PdfValue | undefined): Map<number, PdfValue> {
    const out = new Map<number, PdfValue>();
    const walk = (node: PdfDict | undefined) => {
      if (node === undefined) return;
      const nums = this.array(node["/Nums"]);
      for (let i = 0; i + 1 < nums.length; i += 2) {
        const key = nums[i];
        const value = nums[i + 1];
        if (typeof key === "number" && value !== undefined) out.set(key, value);
      }
      for (const kid of this.array(node["/Kids"])) walk(this.dict(kid));
    };
    walk(this.dict(v));
    return out;
  }
}

/** A structure element as the checker sees it. */
interface Element {
  ref: string;
  type: string;
  dict: PdfDict;
  parent: Element | undefined;
  children: Element[];
  /** Marked content it holds: page reference and MCID. */
  mcids: Array<{ page: string; mcid: number }>;
  /** Annotations it holds by OBJR, with the page the OBJR names. */
  objects: Array<{ obj: string; page: string | undefined }>;
}

/** The structure tree, in order: each element after its parent and its earlier siblings. */
function structureTree(objects: Objects, root: PdfDict): Element[] {
  const elements: Element[] = [];
  const seen = new Set<string>();
  const visit = (ref: PdfValue, parent: Element | undefined, page: string | undefined) => {
    if (!isRef(ref) || seen.has(ref)) return;
    const dict = objects.dict(ref);
    if (dict === undefined || typeof dict["/S"] !== "string") return;
    seen.add(ref);
    const element: Element = {
      ref,
      type: dict["/S"].slice(1),
      dict,
      parent,
      children: [],
      mcids: [],
      objects: [],
    };
    elements.push(element);
    parent?.children.push(element);
    const pg = isRef(dict["/Pg"]) ? dict["/Pg"] : page;
    for (const kid of objects.array(dict["/K"])) {
      if (typeof kid === "number") {
        if (pg !== undefined) element.mcids.push({ page: pg, mcid: kid });
        continue;
      }
      const k = isRef(kid) ? objects.dict(kid) : isDict(kid) ? kid : undefined;
      if (k?.["/Type"] === "/MCR" && typeof k["/MCID"] === "number") {
        const p = isRef(k["/Pg"]) ? k["/Pg"] : pg;
        if (p !== undefined) element.mcids.push({ page: p, mcid: k["/MCID"] });
      } else if (k?.["/Type"] === "/OBJR" && isRef(k["/Obj"])) {
        element.objects.push({ obj: k["/Obj"], page: isRef(k["/Pg"]) ? k["/Pg"] : pg });
      } else if (isRef(kid)) {
        visit(kid, element, pg);
      }
    }
  };
  for (const kid of objects.array(root["/K"])) visit(kid, undefined, undefined);
  return elements;
}

// ---------------------------------------------------------------------------
// Content streams.

/** The operators that put something on the page. */
const PAINTING = new Set([
  "Tj",
  "TJ",
  "'",
  '"',
  "S",
  "s",
  "f",
  "F",
  "f*",
  "B",
  "B*",
  "b",
  "b*",
  "sh",
  "Do",
  "BI",
]);

type Token = { op: string } | { operand: string };

/** Tokens of a content stream: operands (as source text) and operators. */
export function tokenize(content: Buffer): Token[] {
  const s = content.toString("latin1");
  const tokens: Token[] = [];
  const isSpace = (c: string | undefined) => c !== undefined && /[\s\0]/.test(c);
  const isDelim = (c: string | undefined) => c !== undefined && /[()<>[\]{}/%]/.test(c);
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (isSpace(c)) {
      i += 1;
    } else if (c === "%") {
      while (i < s.length && s[i] !== "\n" && s[i] !== "\r") i += 1;
    } else if (c === "(") {
      let depth = 0;
      const start = i;
      for (; i < s.length; i += 1) {
        if (s[i] === "\\") i += 1;
        else if (s[i] === "(") depth += 1;
        else if (s[i] === ")" && --depth === 0) break;
      }
      i += 1;
      tokens.push({ operand: s.slice(start, i) });
    } else if (c === "<" && s[i + 1] === "<") {
      tokens.push({ operand: "<<" });
      i += 2;
    } else if (c === ">" && s[i + 1] === ">") {
      tokens.push({ operand: ">>" });
      i += 2;
    } else if (c === "<") {
      const end = s.indexOf(">", i);
      tokens.push({ operand: s.slice(i, end + 1) });
      i = end + 1;
    } else if (c === "[" || c === "]" || c === "{" || c === "}") {
      tokens.push({ operand: c });
      i += 1;
    } else {
      const start = i;
      i += 1;
      while (i < s.length && !isSpace(s[i]) && !isDelim(s[i])) i += 1;
      const word = s.slice(start, i);
      if (
        c === "/" ||
        /^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) ||
        word === "true" ||
        word === "false" ||
        word === "null"
      ) {
        tokens.push({ operand: word });
      } else {
        tokens.push({ op: word });
        if (word === "ID") {
          // Inline image data runs to "EI" after white space.
          const end = s.indexOf("EI", i + 1);
          i = end < 0 ? s.length : end + 2;
          tokens.push({ op: "EI" });
        }
      }
    }
  }
  return tokens;
}

/** A marked-content sequence as the content stream opens it. */
type Marking = { kind: "artifact" } | { kind: "tagged"; mcid: number } | { kind: "other" };

/** Walks a page's content: what is drawn outside tagged or artifact content, and the MCIDs. */
function checkContent(
  content: Buffer,
  page: number,
  findings: Finding[],
): { mcids: number[]; painted: number } {
  const stack: Marking[] = [];
  const mcids: number[] = [];
  let operands: string[] = [];
  let painted = 0;
  let unmarked = 0;
  let reported = { artifactInTagged: false, taggedInArtifact: false };
  for (const token of tokenize(content)) {
    if ("operand" in token) {
      operands.push(token.operand);
      continue;
    }
    const { op } = token;
    if (op === "BDC" || op === "BMC") {
      const first = operands.find((o) => o.startsWith("/"));
      const mcid = /\/MCID\s+(\d+)/.exec(operands.join(" "));
      const marking: Marking =
        first === "/Artifact"
          ? { kind: "artifact" }
          : mcid !== null
            ? { kind: "tagged", mcid: Number(mcid[1]) }
            : { kind: "other" };
      const inTagged = stack.some((m) => m.kind === "tagged");
      const inArtifact = stack.some((m) => m.kind === "artifact");
      if (marking.kind === "artifact" && inTagged && !reported.artifactInTagged) {
        findings.push({
          checkpoint: "01-003",
          message: `page ${page}: an Artifact inside tagged content`,
        });
        reported = { ...reported, artifactInTagged: true };
      }
      if (marking.kind === "tagged" && inArtifact && !reported.taggedInArtifact) {
        findings.push({
          checkpoint: "01-004",
          message: `page ${page}: tagged content (MCID ${marking.mcid}) inside an Artifact`,
        });
        reported = { ...reported, taggedInArtifact: true };
      }
      if (marking.kind === "tagged") mcids.push(marking.mcid);
      stack.push(marking);
    } else if (op === "EMC") {
      if (stack.pop() === undefined) {
        findings.push({ checkpoint: "01-005", message: `page ${page}: EMC without BDC/BMC` });
      }
    } else if (PAINTING.has(op)) {
      painted += 1;
      if (!stack.some((m) => m.kind !== "other")) unmarked += 1;
    }
    operands = [];
  }
  if (unmarked > 0) {
    findings.push({
      checkpoint: "01-005",
      message: `page ${page}: ${unmarked} of ${painted} painting operators are neither tagged content nor an artifact`,
    });
  }
  if (stack.length > 0) {
    findings.push({
      checkpoint: "01-005",
      message: `page ${page}: ${stack.length} marked-content sequences not closed`,
    });
  }
  return { mcids, painted };
}

// ---------------------------------------------------------------------------
// The checks.

/** ISO 32000-1 Tables 333, 336, 337: which parents an element may have, and which children. */
const PARENTS: Record<string, { checkpoint: string; parents: string[] }> = {
  TR: { checkpoint: "09-004", parents: ["Table", "THead", "TBody", "TFoot"] },
  TH: { checkpoint: "09-004", parents: ["TR"] },
  TD: { checkpoint: "09-004", parents: ["TR"] },
  THead: { checkpoint: "09-004", parents: ["Table"] },
  TBody: { checkpoint: "09-004", parents: ["Table"] },
  TFoot: { checkpoint: "09-004", parents: ["Table"] },
  LI: { checkpoint: "09-005", parents: ["L"] },
  Lbl: { checkpoint: "09-005", parents: ["LI", "Note", "BibEntry", "TOCI"] },
  LBody: { checkpoint: "09-005", parents: ["LI"] },
  TOCI: { checkpoint: "09-006", parents: ["TOC"] },
};
const CHILDREN: Record<string, { checkpoint: string; children: string[] }> = {
  Table: { checkpoint: "09-004", children: ["TR", "THead", "TBody", "TFoot", "Caption"] },
  THead: { checkpoint: "09-004", children: ["TR"] },
  TBody: { checkpoint: "09-004", children: ["TR"] },
  TFoot: { checkpoint: "09-004", children: ["TR"] },
  TR: { checkpoint: "09-004", children: ["TH", "TD"] },
  L: { checkpoint: "09-005", children: ["LI", "L", "Caption"] },
  LI: { checkpoint: "09-005", children: ["Lbl", "LBody"] },
  TOC: { checkpoint: "09-006", children: ["TOCI", "TOC", "Caption"] },
};

/** The attributes of an element (/A: a dictionary, or an array of them and revision numbers). */
function attributes(objects: Objects, element: Element): PdfDict[] {
  return objects
    .array(element.dict["/A"])
    .map((a) => objects.dict(a))
    .filter((a): a is PdfDict => a !== undefined);
}

/** Runs every check on qpdf's JSON of a PDF. */
export function checkObjects(json: QpdfJson): Finding[] {
  const objects = new Objects(json.qpdf[1]);
  const findings: Finding[] = [];
  const fail = (checkpoint: string, message: string) => findings.push({ checkpoint, message });
  const catalog = objects.dict(objects.trailer["/Root"]) ?? {};

  // 7.1: tagged, with a structure tree; nothing suspect.
  const markInfo = objects.dict(catalog["/MarkInfo"]);
  if (markInfo?.["/Marked"] !== true) fail("7.1-markinfo", "/MarkInfo /Marked is not true");
  if (markInfo?.["/Suspects"] === true) fail("01-007", "/MarkInfo /Suspects is true");
  const root = objects.dict(catalog["/StructTreeRoot"]);
  if (root === undefined) fail("01-005", "no /StructTreeRoot: nothing is tagged");
  const elements = root === undefined ? [] : structureTree(objects, root);
  const parentTree = objects.numberTree(root?.["/ParentTree"]);

  // 06: XMP metadata.
  const metadata = objects.data(catalog["/Metadata"]).toString("utf8");
  if (metadata === "") {
    fail("06-001", "no XMP metadata stream in the catalog");
  } else {
    const part = /<pdfuaid:part>\s*(\d+)\s*<\/pdfuaid:part>|pdfuaid:part="(\d+)"/.exec(metadata);
    if (part === null) fail("06-002", "the XMP metadata has no pdfuaid:part");
    else if ((part[1] ?? part[2]) !== "1")
      fail("06-002", `pdfuaid:part is ${part[1] ?? part[2]}, not 1`);
    const title = /<dc:title>[\s\S]*?<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(metadata);
    if (title === null || title[1]?.trim() === "")
      fail("06-003", "the XMP metadata has no dc:title");
  }

  // 07: the title shown.
  const preferences = objects.dict(catalog["/ViewerPreferences"]);
  const displayTitle = preferences?.["/DisplayDocTitle"];
  if (displayTitle === undefined) fail("07-001", "no /ViewerPreferences /DisplayDocTitle");
  else if (displayTitle !== true) fail("07-002", "/DisplayDocTitle is not true");
  const info = objects.dict(objects.trailer["/Info"]);
  if ((text(objects.get(info?.["/Title"])) ?? "").trim() === "")
    fail("title", "no /Title in the document information");

  // 11-001: the language.
  const lang = text(objects.get(catalog["/Lang"]));
  if (lang === undefined || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang))
    fail(
      "11-001",
      `the catalog's /Lang is ${lang === undefined ? "missing" : JSON.stringify(lang)}`,
    );

  // 09: tables, lists, TOCs.
  for (const e of elements) {
    const rule = PARENTS[e.type];
    if (rule !== undefined && !rule.parents.includes(e.parent?.type ?? "")) {
      fail(rule.checkpoint, `${e.type} ${e.ref} is inside ${e.parent?.type ?? "the root"}`);
    }
    const kids = CHILDREN[e.type];
    for (const child of e.children) {
      if (kids !== undefined && !kids.children.includes(child.type))
        fail(kids.checkpoint, `${e.type} ${e.ref} holds a ${child.type}`);
    }
    if ((e.type === "Table" || e.type === "L" || e.type === "TOC") && e.mcids.length > 0)
      fail(CHILDREN[e.type]?.checkpoint ?? "09", `${e.type} ${e.ref} holds content directly`);
  }

  // 13-004: figures described.
  for (const e of elements.filter((x) => x.type === "Figure")) {
    const alt = text(objects.get(e.dict["/Alt"])) ?? text(objects.get(e.dict["/ActualText"]));
    if (alt === undefined || alt.trim() === "") fail("13-004", `Figure ${e.ref} has no /Alt`);
  }

  // 14: headings.
  const headings = elements.filter((e) => /^H[1-6]?$/.test(e.type));
  const numbered = headings.filter((e) => e.type !== "H");
  if (numbered.length > 0 && numbered.length < headings.length)
    fail("14-007", "the document uses both H and H1–H6");
  if (numbered.length > 0 && numbered[0]?.type !== "H1")
    fail("14-002", `the first heading is ${numbered[0]?.type}, not H1`);
  // The first heading's level is 14-002's concern; 14-003 counts skips after it.
  let level = Number(numbered[0]?.type.slice(1) ?? 1) - 1;
  for (const h of numbered) {
    const next = Number(h.type.slice(1));
    if (next > level + 1) fail("14-003", `${h.type} ${h.ref} follows H${level}`);
    level = next;
  }

  // 15: table headers.
  for (const table of elements.filter((e) => e.type === "Table")) {
    const cells: Element[] = [];
    const walk = (e: Element) => {
      for (const c of e.children) {
        if (c.type === "TH") cells.push(c);
        if (c.type !== "Table") walk(c);
      }
    };
    walk(table);
    if (cells.length === 0) fail("table-headers", `Table ${table.ref} has no TH`);
  }
  for (const th of elements.filter((e) => e.type === "TH")) {
    const scope = attributes(objects, th).find((a) => a["/O"] === "/Table")?.["/Scope"];
    if (scope !== "/Row" && scope !== "/Column" && scope !== "/Both")
      fail("15-003", `TH ${th.ref} has no /Scope`);
  }

  // 19: notes.
  const ids = new Map<string, number>();
  for (const note of elements.filter((e) => e.type === "Note")) {
    const id = text(objects.get(note.dict["/ID"]));
    if (id === undefined || id === "") fail("19-003", `Note ${note.ref} has no /ID`);
    else ids.set(id, (ids.get(id) ?? 0) + 1);
  }
  for (const [id, n] of ids) if (n > 1) fail("19-004", `${n} Notes have the /ID ${id}`);

  // Pages: content, annotations, fonts.
  const linkOf = new Map<string, Element>();
  for (const e of elements) for (const o of e.objects) linkOf.set(o.obj, e);
  const mcidOwner = new Map<string, Element>();
  for (const e of elements) for (const m of e.mcids) mcidOwner.set(`${m.page}#${m.mcid}`, e);
  const fonts = new Set<string>();
  const collectFonts = (resources: PdfDict | undefined, seen: Set<string>) => {
    for (const font of Object.values(objects.dict(resources?.["/Font"]) ?? {}))
      if (isRef(font)) fonts.add(font);
    for (const x of Object.values(objects.dict(resources?.["/XObject"]) ?? {})) {
      if (!isRef(x) || seen.has(x)) continue;
      seen.add(x);
      const xobject = objects.dict(x);
      if (xobject?.["/Subtype"] === "/Form")
        collectFonts(objects.dict(xobject["/Resources"]), seen);
    }
  };
  const pages: string[] = [];
  const collectPages = (node: PdfValue | undefined) => {
    const d = objects.dict(node);
    if (d?.["/Type"] === "/Pages") for (const kid of objects.array(d["/Kids"])) collectPages(kid);
    else if (isRef(node)) pages.push(node);
  };
  collectPages(catalog["/Pages"]);
  pages.forEach((ref, i) => {
    const page = objects.dict(ref) ?? {};
    const n = i + 1;
    const contents = page["/Contents"];
    // One content stream, or an array of them.
    const streams =
      isRef(contents) && "stream" in (objects.object(contents) ?? {})
        ? [contents]
        : objects.array(contents);
    const content = Buffer.concat(streams.map((c) => objects.data(c)));
    if (content.length === 0) fail("01-005", `page ${n}: no content stream could be read`);
    const { mcids } = checkContent(content, n, findings);
    const key = page["/StructParents"];
    const slots = typeof key === "number" ? objects.array(parentTree.get(key)) : [];
    for (const mcid of mcids) {
      const owner = mcidOwner.get(`${ref}#${mcid}`);
      if (owner === undefined) {
        fail("01-005", `page ${n}: MCID ${mcid} belongs to no structure element`);
      } else if (slots[mcid] !== owner.ref) {
        fail(
          "01-005",
          `page ${n}: the parent tree does not give MCID ${mcid} to ${owner.type} ${owner.ref}`,
        );
      }
    }
    const annotations = objects.array(page["/Annots"]);
    if (annotations.length > 0) {
      const tabs = page["/Tabs"];
      if (tabs === undefined) fail("28-008", `page ${n} has annotations and no /Tabs`);
      else if (tabs !== "/S") fail("28-009", `page ${n} has /Tabs ${String(tabs)}, not /S`);
    }
    for (const a of annotations) {
      const annotation = objects.dict(a);
      if (annotation?.["/Subtype"] !== "/Link" || !isRef(a)) continue;
      const link = linkOf.get(a);
      const parent = parentTree.get(Number(annotation["/StructParent"]));
      if (link?.type !== "Link" || parent !== link.ref)
        fail("28-011", `page ${n}: link annotation ${a} is not in a Link element`);
      else if (link.objects.find((o) => o.obj === a)?.page !== ref)
        fail("28-011", `page ${n}: the OBJR of link annotation ${a} names another page`);
      if ((text(objects.get(annotation["/Contents"])) ?? "").trim() === "")
        fail("28-012", `page ${n}: link annotation ${a} has no /Contents`);
    }
    collectFonts(objects.dict(page["/Resources"]), new Set());
  });

  // 31: fonts.
  for (const ref of fonts) {
    const font = objects.dict(ref) ?? {};
    const name = String(font["/BaseFont"] ?? ref);
    const descendants = objects.array(font["/DescendantFonts"]).map((d) => objects.dict(d) ?? {});
    for (const cid of descendants) {
      if (cid["/Subtype"] === "/CIDFontType2") {
        const map = cid["/CIDToGIDMap"];
        if (map === undefined) fail("31-005", `${name}: no /CIDToGIDMap`);
        else if (map !== "/Identity" && !isRef(map))
          fail("31-004", `${name}: /CIDToGIDMap is neither Identity nor a stream`);
      }
    }
    const descriptor = objects.dict((descendants[0] ?? font)["/FontDescriptor"]);
    const program =
      descriptor?.["/FontFile"] ?? descriptor?.["/FontFile2"] ?? descriptor?.["/FontFile3"];
    if (font["/Subtype"] !== "/Type3" && program === undefined)
      fail("31-009", `${name} is not embedded`);
    if (font["/ToUnicode"] === undefined) fail("31-027", `${name} has no /ToUnicode map`);
  }
  return findings;
}
