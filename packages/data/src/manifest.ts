/**
 * dataset.yaml: YAML 1.2 (core schema) → zod schema → cross-references,
 * every problem positioned at the YAML node that causes it. Pure: takes the
 * file's text, returns the manifest and issues.
 */
import { posix } from "node:path";
import type * as z from "zod";
import { type Issue, type IssueCode, type IssueText, makeIssue, type Position } from "./issues.js";
import * as msg from "./messages.js";
import { nearestName } from "./nearest.js";
import { guessYear, readPeriod } from "./period.js";
import { type Locator, parseYaml, type YamlPath, yamlIssues } from "./positioned-yaml.js";
import {
  columnSchema,
  type DatasetManifest,
  datasetManifestSchema,
  factSchema,
  sourceSchema,
  type TableSpec,
  tableSchema,
  totalSchema,
} from "./schema.js";
import { explainSchemaIssues, getIn } from "./schema-issues.js";

// The parser options dataset.yaml is read with, where its tests look for them.
export { yamlOptions } from "./positioned-yaml.js";

// --- zod issues → positioned issues ----------------------------------------

type ShapeOwner = { shape: Record<string, unknown> };

/** Keys allowed at `path` (for "did you mean" hints on unknown keys). */
function allowedKeys(path: YamlPath, data: unknown): string[] {
  const p = path.map((s) => (typeof s === "number" ? "#" : s)).join("/");
  const pick = (
    union: { options: readonly ShapeOwner[] },
    tag: "type" | "kind",
  ): ShapeOwner | undefined => {
    const value = (getIn(data, path) as Record<string, unknown> | undefined)?.[tag];
    return union.options.find((o) => (o.shape[tag] as z.ZodLiteral).value === value);
  };
  const owner: ShapeOwner | undefined =
    p === ""
      ? datasetManifestSchema
      : p === "limits"
        ? { shape: { maxFileBytes: null, maxRows: null, maxCells: null } }
        : p === "sources/#"
          ? sourceSchema
          : p === "tables/#"
            ? tableSchema
            : p === "facts/#"
              ? factSchema
              : p === "tables/#/columns/#"
                ? pick(columnSchema as unknown as { options: ShapeOwner[] }, "type")
                : p === "tables/#/totals/#"
                  ? pick(totalSchema as unknown as { options: ShapeOwner[] }, "kind")
                  : undefined;
  return owner ? Object.keys(owner.shape) : [];
}

function keyLabel(path: YamlPath): string {
  const last = path[path.length - 1];
  if (typeof last === "string") return last;
  const parent = path[path.length - 2];
  return typeof last === "number" ? `${String(parent ?? "item")}[${last}]` : "value";
}

function zodIssueToIssue(
  zi: z.core.$ZodIssue,
  data: unknown,
  file: string,
  locate: Locator,
): Issue[] {
  const path = zi.path.filter((s): s is string | number => typeof s !== "symbol");
  const key = keyLabel(path);
  const input = (zi as { input?: unknown }).input;
  const one = (code: IssueCode, at: Position, text: IssueText) => [makeIssue(code, file, at, text)];
  switch (zi.code) {
    case "unrecognized_keys": {
      const known = allowedKeys(path, data);
      return zi.keys.map((k) =>
        makeIssue(
          "manifest-unknown-key",
          file,
          locate([...path, k], "key"),
          msg.schemaUnknownKey(k, nearestName(k, known)),
        ),
      );
    }
    case "invalid_type":
      if (input === undefined) {
        return one(
          "manifest-schema",
          locate(path.slice(0, -1)),
          msg.schemaMissingKey(String(path[path.length - 1])),
        );
      }
      return one("manifest-schema", locate(path), msg.schemaWrongType(key, zi.expected, input));
    case "invalid_union": {
      const tagged = zi as { discriminator?: string; options?: unknown[] };
      if (tagged.discriminator !== undefined) {
        const tag = tagged.discriminator;
        const found = (input as Record<string, unknown> | undefined)?.[tag];
        const options = (tagged.options ?? []).map(String);
        if (found === undefined) {
          return one("manifest-schema", locate(path), msg.schemaMissingKey(tag));
        }
        return one(
          "manifest-schema",
          locate([...path, tag]),
          msg.schemaNotOneOf(tag, options, found, nearestName(String(found), options)),
        );
      }
      // Any other union: told by the form that was meant, at the key to fix.
      return explainSchemaIssues(datasetManifestSchema, data, [zi]).map((p) =>
        makeIssue("manifest-schema", file, locate(p.path, p.part), p),
      );
    }
    case "invalid_value": {
      const options = zi.values.map(String);
      return one(
        "manifest-schema",
        locate(path),
        msg.schemaNotOneOf(key, options, input, nearestName(String(input), options)),
      );
    }
    case "invalid_format": {
      const format = zi.format === "regex" ? zi.message : zi.format;
      return one("manifest-schema", locate(path), msg.schemaFormat(key, format, input));
    }
    case "too_small":
      return one(
        "manifest-schema",
        locate(path),
        msg.schemaTooSmall(key, Number(zi.minimum), zi.origin),
      );
    case "too_big":
      return one("manifest-schema", locate(path), msg.schemaTooBig(key, Number(zi.maximum)));
    case "custom": {
      const rule = (zi.params as { rule?: string } | undefined)?.rule;
      if (rule === "value-or-range") {
        return one("manifest-schema", locate(path), msg.factValueOrRange());
      }
      if (rule === "range-order" && Array.isArray(input)) {
        return one(
          "manifest-schema",
          locate(path),
          msg.factRangeOrder(Number(input[0]), Number(input[1])),
        );
      }
      return one("manifest-schema", locate(path), msg.schemaOther(key, zi.message));
    }
    default:
      return one("manifest-schema", locate(path), msg.schemaOther(key, zi.message));
  }
}

// --- cross-references --------------------------------------------------------

/** The file format of a table: declared, or from the extension. */
export function tableFormat(spec: TableSpec): "csv" | "json" | "yaml" | "xlsx" | undefined {
  if (spec.format) return spec.format;
  const ext = posix.extname(spec.file.toLowerCase());
  return ext === ".csv"
    ? "csv"
    : ext === ".json"
      ? "json"
      : ext === ".yaml" || ext === ".yml"
        ? "yaml"
        : ext === ".xlsx"
          ? "xlsx"
          : undefined;
}

/** Lexical safety of a table path, before any file system access. */
export function checkTablePath(
  file: string,
): { code: "file-absolute" | "file-outside-dataset"; text: IssueText } | undefined {
  const unified = file.replaceAll("\\", "/");
  if (posix.isAbsolute(unified) || /^[A-Za-z]:\//.test(unified)) {
    return { code: "file-absolute", text: msg.fileAbsolute(file) };
  }
  const normal = posix.normalize(unified);
  if (normal === ".." || normal.startsWith("../")) {
    return { code: "file-outside-dataset", text: msg.fileOutside(file, false) };
  }
  return undefined;
}

/** Checks what the schema cannot: ids that must exist, columns that must match. */
export function checkManifest(m: DatasetManifest, file: string, locate: Locator): Issue[] {
  const issues: Issue[] = [];
  const add = (code: IssueCode, path: YamlPath, text: IssueText, part?: "key" | "value") =>
    issues.push(makeIssue(code, file, locate(path, part), text));

  const unique = (kind: string, ids: readonly string[], base: string) => {
    const first = new Map<string, number>();
    ids.forEach((id, i) => {
      const seen = first.get(id);
      if (seen === undefined) first.set(id, i);
      else
        add(
          "duplicate-id",
          [base, i, "id"],
          msg.duplicateId(kind, id, locate([base, seen, "id"]).line),
        );
    });
  };
  unique(
    "source",
    m.sources.map((s) => s.id),
    "sources",
  );
  unique(
    "table",
    m.tables.map((t) => t.id),
    "tables",
  );
  unique(
    "fact",
    m.facts.map((f) => f.id),
    "facts",
  );

  const sourceIds = m.sources.map((s) => s.id);
  const known = new Set(sourceIds);
  m.sources.forEach((s, i) => {
    if (s.citedIn !== undefined && !known.has(s.citedIn)) {
      add("unknown-source", ["sources", i, "citedIn"], msg.unknownSource(s.citedIn, sourceIds));
    }
  });
  m.facts.forEach((f, i) => {
    if (!known.has(f.source)) {
      add("unknown-source", ["facts", i, "source"], msg.unknownSource(f.source, sourceIds));
    }
    if (f.period !== undefined) {
      const token = String(f.period);
      const isDate = /^\d{4}-\d{2}-\d{2}$/.test(token) && !Number.isNaN(Date.parse(token));
      const r = readPeriod(token);
      if (!isDate && !r.ok) {
        add(
          "bad-period",
          ["facts", i, "period"],
          msg.badPeriod("", token, r.reason, guessYear(token)),
        );
      }
    }
  });

  m.tables.forEach((t, ti) => {
    const at = (...rest: (string | number)[]) => ["tables", ti, ...rest];
    if (!known.has(t.source))
      add("unknown-source", at("source"), msg.unknownSource(t.source, sourceIds));
    const format = tableFormat(t);
    // An unsafe path is reported by the loader; its extension is beside the point.
    if (format === undefined) {
      if (!checkTablePath(t.file)) add("unknown-format", at("file"), msg.unknownFormat(t.file));
    } else {
      if (t.delimiter !== undefined && format !== "csv") {
        add("bad-reference", at("delimiter"), msg.delimiterNotCsv(format), "key");
      }
      for (const k of ["sheet", "range"] as const) {
        if (t[k] !== undefined && format !== "xlsx") {
          add("bad-reference", at(k), msg.notXlsxKey(k, format), "key");
        }
      }
    }
    if (t.range !== undefined) {
      const [a = "", b = a] = t.range.toUpperCase().replaceAll("$", "").split(":");
      const cell = (ref: string) => {
        const m = /^([A-Z]+)(\d+)$/.exec(ref);
        return m ? { row: Number(m[2]), col: m[1]!.padStart(3, "@") } : undefined;
      };
      const [p1, p2] = [cell(a), cell(b)];
      // Column letters compare as numbers once padded to three places ("@" sorts before "A").
      if (p1 && p2 && (p1.row > p2.row || p1.col > p2.col)) {
        add("manifest-schema", at("range"), msg.rangeOrder(t.range));
      }
    }

    const columns = new Map<string, (typeof t.columns)[number]>();
    const headers = new Map<string, string>();
    let periodColumn: string | undefined;
    t.columns.forEach((c, ci) => {
      if (columns.has(c.name))
        add("duplicate-column", at("columns", ci, "name"), msg.duplicateColumn(c.name));
      else {
        columns.set(c.name, c);
        const header = c.header ?? c.name;
        const other = headers.get(header);
        if (other !== undefined) {
          add(
            "duplicate-column",
            at("columns", ci, c.header === undefined ? "name" : "header"),
            msg.duplicateHeaderDeclared(header, other),
          );
        } else headers.set(header, c.name);
      }
      if (c.type === "period") {
        // A row without a period has no place in a series.
        if (!c.required)
          add(
            "conflicting-period",
            at("columns", ci, "required"),
            msg.optionalPeriod(c.name),
            "key",
          );
        if (periodColumn !== undefined && periodColumn !== c.name) {
          add(
            "conflicting-period",
            at("columns", ci, "type"),
            msg.twoPeriodColumns(periodColumn, c.name),
          );
        }
        periodColumn ??= c.name;
      }
    });
    const names = [...columns.keys()];
    if (t.period !== undefined) {
      if (periodColumn !== undefined) {
        add("conflicting-period", at("period"), msg.periodWithPeriodColumn(periodColumn), "key");
      } else {
        const r = readPeriod(t.period, t.frequency);
        if (!r.ok)
          add(
            "bad-period",
            at("period"),
            msg.badPeriod("", t.period, r.reason, guessYear(t.period)),
          );
      }
    }
    const key = t.key ?? t.columns.filter((c) => c.type !== "number").map((c) => c.name);
    t.key?.forEach((k, ki) => {
      if (!columns.has(k))
        add("bad-reference", at("key", ki), msg.unknownColumnRef("key", k, names));
    });

    const numberColumn = (role: string, name: string, path: (string | number)[]) => {
      const c = columns.get(name);
      if (!c) {
        add("bad-reference", path, msg.unknownColumnRef(role, name, names));
        return undefined;
      }
      if (c.type !== "number") {
        add("bad-reference", path, msg.columnNotNumber(role, name, c.type));
        return undefined;
      }
      return c;
    };
    t.totals?.forEach((total, xi) => {
      if (total.kind === "columns") {
        const tc = numberColumn("total", total.total, at("totals", xi, "total"));
        total.parts.forEach((p, pi) => {
          const pc = numberColumn("parts", p, at("totals", xi, "parts", pi));
          if (!tc || !pc) return;
          if (pc.unit !== tc.unit) {
            add(
              "unit-mismatch",
              at("totals", xi, "parts", pi),
              msg.unitMismatch(tc.name, tc.unit, pc.name, pc.unit),
            );
          } else if (pc.scale !== tc.scale) {
            add(
              "scale-mismatch",
              at("totals", xi, "parts", pi),
              msg.scaleMismatch(tc.name, tc.scale, pc.name, pc.scale),
            );
          }
        });
      } else {
        const d = columns.get(total.dimension);
        if (!d) {
          add(
            "bad-reference",
            at("totals", xi, "dimension"),
            msg.unknownColumnRef("dimension", total.dimension, names),
          );
        } else if (d.type === "number") {
          add(
            "bad-reference",
            at("totals", xi, "dimension"),
            msg.dimensionIsNumber(total.dimension),
          );
        } else if (!key.includes(total.dimension)) {
          add(
            "bad-reference",
            at("totals", xi, "dimension"),
            msg.dimensionNotInKey(total.dimension, key),
          );
        }
        total.measures.forEach((name, mi) => {
          numberColumn("measures", name, at("totals", xi, "measures", mi));
        });
      }
    });
  });
  return issues;
}

export interface ManifestResult {
  /** The manifest, when it parsed and matched the schema (cross-reference errors may remain). */
  readonly manifest: DatasetManifest | undefined;
  readonly locate: Locator | undefined;
  readonly issues: Issue[];
}

/** Parses and checks the text of a dataset.yaml. */
export function parseManifest(text: string, file: string): ManifestResult {
  // The fast path: a valid dataset.yaml never asks where anything is.
  const yaml = parseYaml(text, { positions: "lazy" });
  if (!yaml.ok) {
    return { manifest: undefined, locate: undefined, issues: yamlIssues(yaml.problems, file) };
  }
  const { data, locate } = yaml;
  const parsed = datasetManifestSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap((zi) => zodIssueToIssue(zi, data, file, locate));
    return { manifest: undefined, locate, issues };
  }
  return { manifest: parsed.data, locate, issues: checkManifest(parsed.data, file, locate) };
}
