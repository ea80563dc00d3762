/**
 * `--param NAME=VALUE` (repeatable) and `--all-params`: which values of a
 * template's parameters a build uses, and the file name each set of values
 * gives its briefs.
 */
import { createHash } from "node:crypto";
import type { ParamValues } from "@briefkit/compose";
import { UsageError } from "./io.js";
import { cliMessages } from "./messages.js";

/** commander's collector for a repeatable `--param NAME=VALUE`. */
export function collectParam(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `["a=1", "a=2", "b=x"]` → `{ a: ["1", "2"], b: ["x"] }` (a batch's lists); a flag without NAME= is a usage error. */
export function parseParamLists(flags: readonly string[] | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null);
  for (const flag of flags ?? []) {
    const eq = flag.indexOf("=");
    const name = eq > 0 ? flag.slice(0, eq).trim() : "";
    if (name === "") throw new UsageError(cliMessages.badParamFlag(flag));
    out[name] = [...(out[name] ?? []), flag.slice(eq + 1)];
  }
  return out;
}

/** `["region=Primorskiy Krai"]` → `{ region: "Primorskiy Krai" }`: one value per name, a repeat is a usage error. */
export function parseParamFlags(flags: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, values] of Object.entries(parseParamLists(flags))) {
    if (values.length > 1) throw new UsageError(cliMessages.repeatedParam(name));
    out[name] = values[0]!;
  }
  return out;
}

/**
 * Every combination of the declared parameters' values, the first
 * parameter's varying slowest, in the order the values are declared. A
 * template without parameters gives one empty set.
 */
export function everyCombination(declared: readonly ParamValues[]): Array<Record<string, string>> {
  let sets: Array<Record<string, string>> = [{}];
  for (const p of declared) {
    sets = sets.flatMap((s) => p.values.map((v) => ({ ...s, [p.name]: v })));
  }
  return sets;
}

/**
 * A value as part of a file name: lower-case ASCII letters, digits and
 * hyphens ("Primorskiy Krai" → "primorskiy-krai"), accents dropped. A value
 * with nothing left (all in another script) is named by the start of its
 * SHA-256, so the name is still stable and safe on every filesystem.
 */
export function slugValue(value: string): string {
  const slug = value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug !== "" ? slug : `v${createHash("sha256").update(value).digest("hex").slice(0, 10)}`;
}

/**
 * The part of the file names a set of values gives, in the declared order
 * ("-primorskiy-krai"); empty without parameters. Two values of one
 * parameter that would give one name are told apart by a hash of the value,
 * decided over all the parameter's values so a name never depends on which
 * briefs a run builds.
 */
export function paramsSuffix(
  declared: readonly ParamValues[],
  bound: Readonly<Record<string, string>>,
): string {
  return declared
    .map((p) => {
      const value = bound[p.name] ?? "";
      const slug = slugValue(value);
      const clash = p.values.filter((v) => slugValue(v) === slug).length > 1;
      return clash
        ? `-${slug}-${createHash("sha256").update(value).digest("hex").slice(0, 6)}`
        : `-${slug}`;
    })
    .join("");
}
