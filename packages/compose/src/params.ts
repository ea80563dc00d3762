/**
 * Parameters: one template, one brief per value. A template declares them
 * under `params:` (a literal list of values, or the values of a table's
 * column); a build binds each to one value. The value reaches the template
 * in three places, and only these:
 *
 * - the sections' Liquid, as `param.<name>` (text);
 * - `where:` values in indicators and charts, and a rank's `of:`, written
 *   `"{{ param.<name> }}"`, replaced before the indicators are evaluated, so a
 *   filter by parameter
 *   goes through the evaluator's own checks (a value no row has is a located
 *   error, never an empty figure);
 * - the plain-text title, subtitle and subject, replaced as text.
 *
 * Replacing is textual and happens once: a value is data, never read again as
 * Liquid or YAML.
 */
import type { Dataset } from "@briefkit/data";
import { nearestName } from "@briefkit/data";
import { cellText } from "./figures.js";
import type { IssueLog } from "./issues.js";
import { composeMessages as msg } from "./messages.js";
import type { At, Declared, NormalizedTemplate } from "./template.js";
import type { ParamDef } from "./template-schema.js";

/** A declared parameter with its values on one dataset, in the order of the list or the table. */
export interface ParamValues {
  name: string;
  label: string | undefined;
  values: string[];
  at: At;
}

/** `{{ param.name }}` as written in template.yaml strings. */
const PARAM_REF = /\{\{\s*param\.([A-Za-z0-9_-]+)\s*\}\}/g;

/** The values of each declared parameter on `dataset`; problems logged at their `params:` entry. */
export function resolveParamValues(
  t: NormalizedTemplate,
  dataset: Dataset,
  log: IssueLog,
): ParamValues[] {
  const out: ParamValues[] = [];
  for (const p of t.params.values()) {
    const at = (path: readonly (string | number)[]) =>
      p.locate ? { file: p.at.file, ...p.locate(path) } : p.at;
    const def = p.def;
    let values: string[];
    if (def.values !== undefined) {
      values = def.values.map(String);
    } else {
      const [tableId = "", column = ""] = (def.from ?? "").split(".");
      const table = dataset.tables.find((x) => x.id === tableId);
      if (!table) {
        const ids = dataset.tables.map((x) => x.id);
        log.error(
          "template-param",
          at(["from"]),
          msg.paramNoTable(p.id, tableId, dataset.meta.edition),
          msg.nearest(nearestName(tableId, ids)),
        );
        continue;
      }
      const index = table.columns.findIndex((c) => c.name === column);
      if (index < 0) {
        const names = table.columns.map((c) => c.name);
        log.error(
          "template-param",
          at(["from"]),
          msg.paramNoColumn(p.id, tableId, column),
          msg.nearest(nearestName(column, names)) ?? `columns: ${names.join(", ")}`,
        );
        continue;
      }
      const seen = new Set<string>();
      // The text where: compares with, so every value listed filters to its rows.
      for (const row of table.rows) {
        const text = cellText(row.cells[index]);
        if (text !== undefined) seen.add(text);
      }
      values = [...seen];
    }
    let ok = true;
    (def.exclude ?? []).forEach((x, i) => {
      if (!values.includes(String(x))) {
        log.error(
          "template-param",
          at(["exclude", i]),
          msg.paramExcludeUnknown(p.id, String(x)),
          msg.nearest(nearestName(String(x), values)),
        );
        ok = false;
      }
    });
    if (!ok) continue;
    const excluded = new Set((def.exclude ?? []).map(String));
    values = values.filter((v) => !excluded.has(v));
    if (values.length === 0) {
      log.error(
        "template-param",
        at(def.from !== undefined ? ["from"] : ["values"]),
        msg.paramEmpty(p.id),
      );
      continue;
    }
    const duplicate = values.find((v, i) => values.indexOf(v) !== i);
    if (duplicate !== undefined) {
      log.error("template-param", at(["values"]), msg.paramDuplicate(p.id, duplicate));
      continue;
    }
    out.push({ name: p.id, label: def.label, values, at: at([]) });
  }
  return out;
}

/**
 * Checks the values given for a build against the declared ones: every
 * declared parameter needs a value, every given name must be declared, every
 * value must be one of the parameter's. Returns the bound values, or
 * undefined with the problems logged.
 */
export function bindParams(
  t: NormalizedTemplate,
  declared: readonly ParamValues[],
  given: Readonly<Record<string, string>>,
  log: IssueLog,
): Record<string, string> | undefined {
  const bound: Record<string, string> = Object.create(null);
  const names = declared.map((d) => d.name);
  for (const name of Object.keys(given)) {
    if (!t.params.has(name)) {
      log.error(
        "template-param",
        t.paramsAt ?? t.at,
        msg.paramUnknown(name, names),
        msg.nearest(nearestName(name, names)),
      );
    }
  }
  for (const d of declared) {
    const value = given[d.name];
    if (value === undefined) {
      log.error("template-param", d.at, msg.paramMissing(d.name), msg.paramMissingHint(d.name));
    } else if (!d.values.includes(value)) {
      log.error(
        "template-param",
        d.at,
        msg.paramBadValue(d.name, value),
        msg.nearest(nearestName(value, d.values)) ?? msg.paramValues(d.values),
      );
    } else {
      bound[d.name] = value;
    }
  }
  return log.hasErrors ? undefined : bound;
}

/** Replaces `{{ param.x }}` in `text`; a name without a value is logged at `at`. */
function substitute(
  text: string,
  bound: Readonly<Record<string, string>>,
  at: () => At,
  log: IssueLog,
): string {
  return text.replace(PARAM_REF, (whole, name: string) => {
    const value = bound[name];
    if (value !== undefined) return value;
    log.error("template-param", at(), msg.paramNotBound(name, Object.keys(bound)));
    return whole;
  });
}

/** A copy of `value` with the parameters of every `where:` value and `of:` replaced; `path` locates problems. */
function replaceInWhere(
  value: unknown,
  path: readonly (string | number)[],
  bound: Readonly<Record<string, string>>,
  at: (path: readonly (string | number)[]) => At,
  log: IssueLog,
  inWhere = false,
): unknown {
  if (typeof value === "string") {
    return inWhere ? substitute(value, bound, () => at(path), log) : value;
  }
  if (Array.isArray(value)) {
    return value.map((v, i) => replaceInWhere(v, [...path, i], bound, at, log, false));
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // defineProperty: a key such as __proto__ (kept as data by the loader) stays an own key.
      Object.defineProperty(out, k, {
        value:
          typeof v === "string" && (inWhere || k === "of")
            ? substitute(v, bound, () => at([...path, k]), log)
            : replaceInWhere(v, [...path, k], bound, at, log, k === "where"),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

function replaceDeclared<T>(
  item: Declared<T>,
  bound: Readonly<Record<string, string>>,
  log: IssueLog,
): Declared<T> {
  const at = (path: readonly (string | number)[]): At =>
    item.locate ? { file: item.at.file, ...item.locate(path) } : item.at;
  // Most items name no parameter: they stay the same objects.
  if (!/\{\{\s*param\./.test(JSON.stringify(item.def))) return item;
  return { ...item, def: replaceInWhere(item.def, [], bound, at, log) as T };
}

/**
 * The template for one set of parameter values: `where:` values and the
 * plain-text titles with their `{{ param.x }}` replaced. A reference to a
 * parameter that has no value is a located error. A template without
 * references comes back as it is.
 */
export function applyParams(
  t: NormalizedTemplate,
  bound: Readonly<Record<string, string>>,
  log: IssueLog,
): NormalizedTemplate {
  const text = (s: string | undefined, at: At | undefined) =>
    s === undefined ? undefined : substitute(s, bound, () => at ?? t.at, log);
  const audiences = new Map(
    [...t.audiences].map(([id, a]) => {
      const title = text(a.def.title, a.def.titleAt);
      const subtitle = text(a.def.subtitle, a.def.subtitleAt);
      return [
        id,
        {
          ...a,
          def: {
            ...a.def,
            ...(title !== undefined ? { title } : {}),
            ...(subtitle !== undefined ? { subtitle } : {}),
          },
        },
      ];
    }),
  );
  return {
    ...t,
    title: text(t.title, t.titleAt) ?? t.title,
    subtitle: text(t.subtitle, t.subtitleAt),
    subject: text(t.subject, t.at),
    indicators: t.indicators.map((d) => replaceDeclared(d, bound, log)),
    charts: new Map([...t.charts].map(([id, c]) => [id, replaceDeclared(c, bound, log)])),
    audiences,
    boundParams: { ...bound },
  };
}

/** The key of a set of values, for caches: stable whatever the order given. */
export function paramsKey(bound: Readonly<Record<string, string>>): string {
  return JSON.stringify(
    Object.keys(bound)
      .sort()
      .map((k) => [k, bound[k]]),
  );
}

export type { ParamDef };
