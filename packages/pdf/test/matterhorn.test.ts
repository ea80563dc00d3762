/**
 * The Matterhorn checker (test/matterhorn.ts) on its own: it passes a tagged
 * PDF, fails the untagged PDF pdfmake writes alone, and fails each
 * checkpoint when the objects of a tagged PDF (as qpdf reads them) are broken
 * on purpose, one at a time.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toDocDefinition } from "../src/definition.js";
import { writePdf } from "../src/index.js";
import { renderDefinition } from "../src/render.js";
import { context, fixture, options } from "./helpers.js";
import { checkObjects, checkPdfUa, type QpdfJson, readPdf, tokenize } from "./matterhorn.js";

const dir = mkdtempSync(join(tmpdir(), "briefkit-matterhorn-"));
const tagged = join(dir, "kitchen-sink.pdf");
const untagged = join(dir, "kitchen-sink-untagged.pdf");
let json: QpdfJson;

beforeAll(async () => {
  writeFileSync(tagged, await writePdf(fixture("kitchen-sink"), options, context()));
  const ctx = context();
  const definition = toDocDefinition(fixture("kitchen-sink"), options, ctx);
  writeFileSync(untagged, await renderDefinition(definition, options.theme, ctx.log, false));
  json = readPdf(tagged);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Value = Record<string, unknown>;

/** A copy of the tagged PDF's objects, `change` applied, and the checkpoints that then fail. */
function broken(change: (objects: Map<string, Value>, json: QpdfJson) => void): string[] {
  const copy = structuredClone(json);
  const objects = new Map<string, Value>();
  for (const [key, o] of Object.entries(copy.qpdf[1])) {
    const value = "value" in o ? o.value : o.stream.dict;
    if (
      key.startsWith("obj:") &&
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value)
    )
      objects.set(key.slice(4), value as Value);
  }
  change(objects, copy);
  return [...new Set(checkObjects(copy).map((f) => f.checkpoint))];
}

const find = (objects: Map<string, Value>, test: (v: Value) => boolean): Value => {
  const found = [...objects.values()].find(test);
  if (found === undefined) throw new Error("no such object");
  return found;
};
const element = (type: string) => (v: Value) => v["/S"] === `/${type}`;
const catalog = (objects: Map<string, Value>) => find(objects, (v) => v["/Type"] === "/Catalog");

/** Replaces a stream's decoded data. */
function setStream(json: QpdfJson, ref: string, edit: (content: string) => string): void {
  const o = json.qpdf[1][`obj:${ref}`];
  if (o === undefined || !("stream" in o)) throw new Error(`${ref} is no stream`);
  const data = Buffer.from(o.stream.data ?? "", "base64").toString("latin1");
  o.stream.data = Buffer.from(edit(data), "latin1").toString("base64");
}
const firstPageContent = (objects: Map<string, Value>) => {
  const page = find(objects, (v) => v["/Type"] === "/Page");
  return String(page["/Contents"]);
};

describe("checkPdfUa", () => {
  it("passes the tagged PDF: no finding", () => {
    expect(checkPdfUa(tagged)).toEqual([]);
  });

  it("fails the untagged PDF pdfmake writes alone, on every page", () => {
    const findings = checkPdfUa(untagged);
    const checkpoints = new Set(findings.map((f) => f.checkpoint));
    for (const c of ["7.1-markinfo", "01-005", "06-001", "07-001", "28-008", "28-011", "28-012"])
      expect(checkpoints, c).toContain(c);
    const pages = findings.filter((f) =>
      /^page \d+: \d+ of \d+ painting operators/.test(f.message),
    );
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });
});

describe("each checkpoint fails when broken on purpose", () => {
  it("01-005: something painted outside marked content", () => {
    expect(
      broken((objects, j) =>
        setStream(j, firstPageContent(objects), (c) => `${c}\n0 0 m 10 10 l S\n`),
      ),
    ).toEqual(["01-005"]);
  });

  it("01-005: marked content whose MCID no element holds, or left open", () => {
    expect(
      broken((objects, j) =>
        setStream(
          j,
          firstPageContent(objects),
          (c) => `${c}\n/P <</MCID 999>> BDC 0 0 m 1 1 l S EMC\n`,
        ),
      ),
    ).toEqual(["01-005"]);
    expect(
      broken((objects, j) =>
        setStream(j, firstPageContent(objects), (c) => `${c}\n/Artifact BMC\n`),
      ),
    ).toEqual(["01-005"]);
  });

  it("01-003 / 01-004: an artifact inside tagged content, tagged content inside an artifact", () => {
    const mcid = (objects: Map<string, Value>) => {
      const content = firstPageContent(objects);
      return { content };
    };
    expect(
      broken((objects, j) =>
        setStream(j, mcid(objects).content, (c) =>
          c.replace(/(\/MCID \d+\s*>>\s*BDC)/, "$1\n/Artifact BMC 0 0 m 1 1 l S EMC"),
        ),
      ),
    ).toEqual(["01-003"]);
    expect(
      broken((objects, j) =>
        setStream(j, mcid(objects).content, (c) =>
          c.replace(/(\/Artifact <<[^>]*>> BDC)/, "$1\n/P <</MCID 0>> BDC EMC"),
        ),
      ),
    ).toContain("01-004");
  });

  it("01-007 / 7.1-markinfo: suspects, or not marked", () => {
    expect(
      broken((objects) => {
        const ref = String(catalog(objects)["/MarkInfo"]);
        (objects.get(ref) as Value)["/Suspects"] = true;
      }),
    ).toEqual(["01-007"]);
    expect(
      broken((objects) => {
        delete catalog(objects)["/MarkInfo"];
      }),
    ).toEqual(["7.1-markinfo"]);
  });

  it("06-002 / 06-003: XMP without pdfuaid or dc:title", () => {
    const metadata = (objects: Map<string, Value>) => String(catalog(objects)["/Metadata"]);
    expect(
      broken((objects, j) =>
        setStream(j, metadata(objects), (x) => x.replace(/<pdfuaid:part>1<\/pdfuaid:part>/, "")),
      ),
    ).toEqual(["06-002"]);
    expect(
      broken((objects, j) =>
        setStream(j, metadata(objects), (x) => x.replace(/<dc:title>[\s\S]*?<\/dc:title>/, "")),
      ),
    ).toEqual(["06-003"]);
  });

  it("07-001 / 07-002 / title / 11-001: no DisplayDocTitle, DisplayDocTitle false, no title, no /Lang", () => {
    expect(
      broken((objects) => {
        delete catalog(objects)["/ViewerPreferences"];
      }),
    ).toEqual(["07-001"]);
    expect(
      broken((objects) => {
        const ref = String(catalog(objects)["/ViewerPreferences"]);
        (objects.get(ref) as Value)["/DisplayDocTitle"] = false;
      }),
    ).toEqual(["07-002"]);
    expect(
      broken((_objects, j) => {
        const trailer = j.qpdf[1].trailer as { value: Value };
        delete trailer.value["/Info"];
      }),
    ).toEqual(["title"]);
    expect(
      broken((objects) => {
        delete catalog(objects)["/Lang"];
      }),
    ).toEqual(["11-001"]);
  });

  it("09-004 / 09-005 / 09-006: a row outside a table, a list item outside a list, a TOC entry outside its TOC", () => {
    expect(
      broken((objects) => {
        find(objects, element("TBody"))["/S"] = "/Div";
      }),
    ).toEqual(["09-004"]);
    expect(
      broken((objects) => {
        find(objects, element("L"))["/S"] = "/Div";
      }),
    ).toEqual(["09-005"]);
    expect(
      broken((objects) => {
        find(objects, element("TOC"))["/S"] = "/Div";
      }),
    ).toEqual(["09-006"]);
  });

  it("13-004: a figure without /Alt", () => {
    expect(
      broken((objects) => {
        delete find(objects, element("Figure"))["/Alt"];
      }),
    ).toEqual(["13-004"]);
  });

  it("14-002 / 14-003 / 14-007: no H1 first, a skipped level, H mixed with Hn", () => {
    expect(
      broken((objects) => {
        find(objects, element("H1"))["/S"] = "/H2";
      }),
    ).toEqual(["14-002"]);
    expect(
      broken((objects) => {
        find(objects, element("H3"))["/S"] = "/H5";
      }),
    ).toEqual(["14-003"]);
    expect(
      broken((objects) => {
        find(objects, element("H4"))["/S"] = "/H";
      }),
    ).toEqual(["14-007"]);
  });

  it("15-003 / table-headers: a TH without /Scope, a table with no TH", () => {
    expect(
      broken((objects) => {
        delete find(objects, element("TH"))["/A"];
      }),
    ).toEqual(["15-003"]);
    expect(
      broken((objects) => {
        for (const v of objects.values()) if (v["/S"] === "/TH") v["/S"] = "/TD";
      }),
    ).toEqual(["table-headers"]);
  });

  it("19-003 / 19-004: a note without /ID, two with the same", () => {
    expect(
      broken((objects) => {
        delete find(objects, element("Note"))["/ID"];
      }),
    ).toEqual(["19-003"]);
    expect(
      broken((objects) => {
        for (const v of objects.values()) if (v["/S"] === "/Note") v["/ID"] = "u:bk-note-1";
      }),
    ).toEqual(["19-004"]);
  });

  it("28-008 / 28-009 / 28-011 / 28-012: annotations without /Tabs S, outside a Link, undescribed", () => {
    const annotated = (objects: Map<string, Value>) =>
      find(objects, (v) => v["/Type"] === "/Page" && Array.isArray(v["/Annots"]));
    const link = (objects: Map<string, Value>) => find(objects, (v) => v["/Subtype"] === "/Link");
    expect(
      broken((objects) => {
        delete annotated(objects)["/Tabs"];
      }),
    ).toEqual(["28-008"]);
    expect(
      broken((objects) => {
        annotated(objects)["/Tabs"] = "/R";
      }),
    ).toEqual(["28-009"]);
    expect(
      broken((objects) => {
        link(objects)["/StructParent"] = 0;
      }),
    ).toEqual(["28-011"]);
    expect(
      broken((objects) => {
        delete link(objects)["/Contents"];
      }),
    ).toEqual(["28-012"]);
  });

  it("31-005 / 31-009 / 31-027: a font without CIDToGIDMap, not embedded, without ToUnicode", () => {
    expect(
      broken((objects) => {
        delete find(objects, (v) => v["/Subtype"] === "/CIDFontType2")["/CIDToGIDMap"];
      }),
    ).toEqual(["31-005"]);
    expect(
      broken((objects) => {
        delete find(objects, (v) => v["/Type"] === "/FontDescriptor")["/FontFile2"];
      }),
    ).toEqual(["31-009"]);
    expect(
      broken((objects) => {
        delete find(objects, (v) => v["/Subtype"] === "/Type0")["/ToUnicode"];
      }),
    ).toEqual(["31-027"]);
  });
});

describe("tokenize", () => {
  it("reads strings with parentheses and escapes, hex strings, dictionaries, names and operators", () => {
    const tokens = tokenize(
      Buffer.from(
        "/P <</MCID 3>> BDC (a \\) (b) c) Tj [<00AB> 12 (x)] TJ EMC % note\n1 0 0 1 0 0 cm",
      ),
    );
    expect(tokens).toEqual([
      { operand: "/P" },
      { operand: "<<" },
      { operand: "/MCID" },
      { operand: "3" },
      { operand: ">>" },
      { op: "BDC" },
      { operand: "(a \\) (b) c)" },
      { op: "Tj" },
      { operand: "[" },
      { operand: "<00AB>" },
      { operand: "12" },
      { operand: "(x)" },
      { operand: "]" },
      { op: "TJ" },
      { op: "EMC" },
      ...["1", "0", "0", "1", "0", "0"].map((operand) => ({ operand })),
      { op: "cm" },
    ]);
  });

  it("skips an inline image's data, which may hold anything", () => {
    const tokens = tokenize(Buffer.from("BI /W 1 /H 1 ID \x00) EMC ( EI Q"));
    expect(tokens.filter((t) => "op" in t)).toEqual([
      { op: "BI" },
      { op: "ID" },
      { op: "EI" },
      { op: "Q" },
    ]);
  });
});
