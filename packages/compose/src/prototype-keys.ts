/**
 * `__proto__` as a key of a template's maps. The YAML reader keeps it as an
 * own key, like any other, but zod's `z.record` skips it without a word (it
 * guards its output object's prototype), so `where: { __proto__: 2004 }`
 * would filter nothing and `charts: { __proto__: … }` would declare nothing.
 * A strict object's schema reports it as an unknown key already; this puts
 * the records right after zod has parsed the file:
 *
 * - in a `where` map (a chart's, an indicator input's) the key is given back
 *   to the parsed value as an own property, so the check that knows the
 *   table's columns refuses it like any other column name, with the nearest
 *   name (`constructor` and `prototype` are ordinary own keys already);
 * - in a map keyed by ids (sections, charts, tables, key figures, audiences,
 *   blocks) it is an id that is not kebab-case, as `Bad_Id` would be.
 */
import type { YamlPath } from "@briefkit/data";

const PROTO = "__proto__";

/** A `__proto__` key zod dropped, where it is, and whether it was given back. */
export interface PrototypeKey {
  path: YamlPath;
  /** `restored`: back in a `where` map; `bad-id`: an id zod would have refused; `bad-value`: not a string or number. */
  kind: "restored" | "bad-id" | "bad-value";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Walks the file as read (`raw`) beside zod's output (`parsed`, mutated):
 * every own `__proto__` key of `raw` that `parsed` lacks is restored (in a
 * `where` map) or returned as a problem. Zod's output mirrors the input's
 * shape for objects, records and lists, which is what the parallel walk needs.
 */
export function restorePrototypeKeys(raw: unknown, parsed: unknown): PrototypeKey[] {
  const found: PrototypeKey[] = [];
  const walk = (r: unknown, p: unknown, path: (string | number)[]) => {
    if (Array.isArray(r)) {
      if (!Array.isArray(p)) return;
      r.forEach((item, i) => {
        walk(item, p[i], [...path, i]);
      });
      return;
    }
    if (!isPlainObject(r) || !isPlainObject(p)) return;
    for (const key of Object.keys(r)) {
      if (key === PROTO && !Object.hasOwn(p, PROTO)) {
        const value = r[key];
        const at = [...path, key];
        if (path.at(-1) !== "where") found.push({ path: at, kind: "bad-id" });
        else if (typeof value !== "string" && typeof value !== "number")
          found.push({ path: at, kind: "bad-value" });
        else {
          Object.defineProperty(p, PROTO, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
          found.push({ path: at, kind: "restored" });
        }
        continue;
      }
      if (Object.hasOwn(p, key)) walk(r[key], p[key], [...path, key]);
    }
  };
  walk(raw, parsed, []);
  return found;
}
