/**
 * The problems of Liquid in a template's text, reported as compose reports
 * them: includes checked before rendering, and the issue code and hint of
 * a problem LiquidJS raises (in a section or in an item's text fields).
 */
import { join, relative } from "node:path";
import type { Dataset } from "@briefkit/data";
import { nearestFilter } from "./filters.js";
import type { ComposeIssueCode, IssueLog } from "./issues.js";
import type { IncludeSite, LiquidProblem } from "./liquid.js";
import { composeMessages as msg } from "./messages.js";
import type { At, NormalizedTemplate } from "./template.js";

/** The issue code of a Liquid problem. */
export function liquidIssueCode(problem: LiquidProblem): ComposeIssueCode {
  switch (problem.kind) {
    case "syntax":
      return "liquid-syntax";
    case "limit":
      return "liquid-limit";
    case "render":
      return "liquid-render";
  }
}

const INCLUDE = /\{%-?\s*(?:include|render)\s+(["'])([^"']+)\1/g;
const COMMENT = /\{%-?\s*(comment|raw)\s*-?%\}[\s\S]*?\{%-?\s*end\1\s*-?%\}/g;

/** Blanks out comment and raw blocks (keeping line breaks, so positions hold). */
function withoutComments(source: string): string {
  return source.replace(COMMENT, (m) => m.replace(/[^\n]/g, " "));
}

/**
 * Includes are checked before rendering: a name that is not one of the
 * template's partials, or partials that include each other in a cycle, are
 * errors at the include's position (LiquidJS would only say "not found", or
 * recurse until its limits stop it).
 */
export function checkIncludes(
  source: string,
  origin: (line: number, column: number) => At,
  partials: Record<string, string>,
  log: IssueLog,
): boolean {
  let ok = true;
  const known = Object.keys(partials);
  // Partials known to lead to no cycle: each is searched once, so partials that
  // include the next one twice, 40 deep, cost 40 searches, not 2^40.
  const acyclic = new Set<string>();
  const cycle = (name: string, stack: string[]): string[] | undefined => {
    if (stack.includes(name)) return [...stack, name];
    if (acyclic.has(name)) return undefined;
    for (const m of withoutComments(partials[name] ?? "").matchAll(INCLUDE)) {
      const found = cycle(m[2]!, [...stack, name]);
      if (found) return found;
    }
    acyclic.add(name);
    return undefined;
  };
  for (const m of withoutComments(source).matchAll(INCLUDE)) {
    const before = source.slice(0, m.index);
    const line = before.split("\n").length;
    const column = m.index - before.lastIndexOf("\n");
    const at = origin(line, column);
    const name = m[2]!;
    if (!(name in partials)) {
      log.error(
        "partial-not-allowed",
        at,
        msg.partialNotAllowed(name, known),
        "put shared text in the template's partials/ folder and include it as partials/<name>",
      );
      ok = false;
      continue;
    }
    const loop = cycle(name, []);
    if (loop) {
      log.error("liquid-limit", at, msg.includeCycle(loop));
      ok = false;
    }
  }
  return ok;
}

/** What reporting a Liquid problem needs: where partials are, and what paths are relative to. */
export interface LiquidPlaces {
  /** Partial files by include name ("partials/x.md" → its path). */
  partialFiles: Readonly<Record<string, string>>;
  /** Paths in messages are relative to it. */
  cwd: string;
}

/** Includes listed in a message beyond which the middle of a chain is elided. */
const MAX_SITES_SHOWN = 8;

/**
 * Where a Liquid problem is, and its message: a problem inside a partial is
 * at its place in the partial's file, its message naming the includes that
 * led there (innermost first, ending in the text rendered, placed by
 * `origin`).
 */
export function liquidProblemAt(
  p: LiquidProblem,
  origin: (line: number, column: number) => At,
  places: LiquidPlaces,
): { at: At; message: string } {
  const sites = p.includedFrom ?? [];
  const file = p.partial === undefined ? undefined : places.partialFiles[p.partial];
  const siteAt = (s: IncludeSite): At => {
    const partialFile = s.partial === undefined ? undefined : places.partialFiles[s.partial];
    return partialFile
      ? { file: partialFile, line: s.line, column: s.column }
      : origin(s.line, s.column);
  };
  const where = (at: At) => `${relative(places.cwd, at.file) || at.file}:${at.line}:${at.column}`;
  if (sites.length === 0) return { at: origin(p.line, p.column), message: p.message };
  if (file === undefined) {
    // The partial is not one of the template's files: at the include, naming the place inside.
    const outer = siteAt(sites.at(-1)!);
    return {
      at: outer,
      message: `in ${p.partial ?? "a partial"}:${p.line}:${p.column}: ${p.message}`,
    };
  }
  const shown =
    sites.length <= MAX_SITES_SHOWN
      ? sites.map((s) => where(siteAt(s)))
      : [
          ...sites.slice(0, MAX_SITES_SHOWN / 2).map((s) => where(siteAt(s))),
          `… ${sites.length - MAX_SITES_SHOWN} more …`,
          ...sites.slice(-MAX_SITES_SHOWN / 2).map((s) => where(siteAt(s))),
        ];
  return {
    at: { file, line: p.line, column: p.column },
    message: `${p.message} (included from ${shown.join(" ← ")})`,
  };
}

/** The fields a figure may have, for the hint on one it lacks. */
const FIGURE_FIELDS =
  "a figure has .value, .text, .available and .estimate, and only where they mean something .unit, .period, .label, .words (growth, multiple and change indicators), .reason (not available), .partial (available indicators), .low, .high and .qualifier (facts)";

/**
 * The hint for a Liquid problem: the fields a figure has, the nearest
 * indicator, fact or filter to a name that is not one.
 */
export function liquidHint(
  message: string,
  t: NormalizedTemplate,
  dataset: Dataset,
  cwd: string,
): string | undefined {
  const field = /undefined variable: ind\.([\w-]+)\.\w+$/.exec(message);
  if (field && t.indicators.some((d) => d.id === field[1])) return FIGURE_FIELDS;
  const m = /undefined variable: (ind|fact)\.([\w-]+)/.exec(message);
  if (m?.[1] === "ind") {
    const known = t.indicators.map((d) => d.id);
    return msg.nearestOr(m[2]!, known, "indicators in template.yaml");
  }
  if (m?.[1] === "fact") {
    const known = dataset.facts.map((f) => f.id);
    const where = relative(cwd, join(dataset.dir, "dataset.yaml"));
    return msg.nearestOr(m[2]!, known, `facts in ${where}`);
  }
  const filter = /undefined filter: ([\w-]+)/.exec(message)?.[1];
  if (filter !== undefined) {
    const near = nearestFilter(filter);
    return `${near ? `did you mean ${near}? ` : ""}every filter is listed in docs/reference/filters.md`;
  }
  return undefined;
}
