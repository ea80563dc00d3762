/**
 * Phase 1 and 2 of compose: load `template.yaml` (and the templates it
 * extends), validate it with positions, and merge the chain into one
 * normalised template whose every item remembers the file and position it
 * was declared at.
 *
 * Inheritance: a template that `extends:` another starts from the parent and
 * overrides by id: sections, charts, tables, key figures and indicators
 * replace the parent's item of the same id or add new ones; meta fields
 * (topic, title, ...) replace; theme overrides merge. An audience entry with
 * an inherited id changes only the fields it gives (`sections:` replaces the
 * list, `omit:` drops ids from it); a top-level `omit:` drops sections from
 * every audience. A section entry without `file:` keeps the parent's file and
 * changes its named blocks (`blocks:`, see blocks.ts). Section files, block
 * files and partials resolve against the folder of the template that
 * declares them.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { type Locator, nearestName, parseYaml, validateYaml, type YamlPath } from "@briefkit/data";
import {
  applyThemeOverrides,
  mergeWriterSettings,
  type Theme,
  type ThemeOverrides,
  type WriterSettings,
} from "@briefkit/document";
import type { IndicatorDefinition } from "@briefkit/indicators";
import { type AssembledSection, assembleSection, type BlockChange } from "./blocks.js";
import type { IssueLog } from "./issues.js";
import { composeMessages as msg } from "./messages.js";
import { restorePrototypeKeys } from "./prototype-keys.js";
import {
  type AudienceDef,
  type BlockEdit,
  type ChartDef,
  type KeyFiguresDef,
  type NumberSettings,
  type ParamDef,
  type TableDef,
  TemplateFile,
} from "./template-schema.js";

/** A position in a file, 1-based. */
export interface At {
  file: string;
  line: number;
  column: number;
}

/** An item of the template, with where it was declared. */
export interface Declared<T> {
  id: string;
  def: T;
  /** Folder of the template that declared it (section files and specs resolve here). */
  dir: string;
  at: At;
  /** Position of a path inside the item (indicators: for the evaluator's issues). */
  locate?: (path: readonly (string | number)[]) => { line: number; column: number };
}

/** A section after inheritance: its file and the block changes the chain made to it. */
export interface SectionSource {
  /** The Markdown file, relative to the declaring template's folder (`Declared.dir`). */
  file: string;
  /** Changes to its named blocks, parent's first. */
  changes: BlockChange[];
}

/** An audience after inheritance: every field merged down the chain, omissions applied. */
export type ResolvedAudience = Omit<AudienceDef, "label" | "sections" | "omit" | "blocks"> & {
  label: string;
  sections: string[];
  /** Block changes for this audience only, by section id (after the section's own). */
  blocks: Record<string, { at: At; changes: BlockChange[] }>;
  /** Where `maxPages`, `title` and `subtitle` are set (here or in the template it inherits them from). */
  maxPagesAt?: At;
  titleAt?: At;
  subtitleAt?: At;
};

/** The merged template: what compose works from. */
export interface NormalizedTemplate {
  id: string;
  dir: string;
  /** template.yaml files of the chain, child first. */
  files: string[];
  /** The data topic (a folder under data/), the child's or inherited. */
  topic: string | undefined;
  /** Where `topic:` was declared. */
  topicAt: At | undefined;
  title: string;
  subtitle: string | undefined;
  /** Where `title:` and `subtitle:` are set, for problems with them. */
  titleAt: At | undefined;
  subtitleAt: At | undefined;
  author: string | undefined;
  organisation: string | undefined;
  language: string;
  /** `numbers:`, child's fields over parent's; applied to the indicators' formats once merged. */
  numbers: NumberSettings;
  subject: string | undefined;
  keywords: string[];
  theme: ThemeOverrides;
  /** Options for the writers, by format (`writers:`), merged down the chain. */
  writers: WriterSettings;
  sections: Map<string, Declared<SectionSource>>;
  indicators: Array<Declared<IndicatorDefinition>>;
  charts: Map<string, Declared<ChartDef>>;
  tables: Map<string, Declared<TableDef>>;
  keyFigures: Map<string, Declared<KeyFiguresDef>>;
  audiences: Map<string, Declared<ResolvedAudience>>;
  /** Declared parameters, by name (params.ts). */
  params: Map<string, Declared<ParamDef>>;
  /** Where the child's `params:` is, for problems with a parameter it lacks. */
  paramsAt: At | undefined;
  /** The values this template was bound to (params.ts `applyParams`); empty before. */
  boundParams: Record<string, string>;
  /** Partials by include name ("partials/x.md"), child's over parent's. */
  partials: Record<string, string>;
  /** The file of each partial, by include name, for problems inside one. */
  partialFiles: Record<string, string>;
  /** Where the template itself starts (for problems with no better place). */
  at: At;
}

interface LoadedFile {
  dir: string;
  file: string;
  locate: Locator;
  data: TemplateFile;
}

/**
 * Where `path` is declared in a template file: at its key, or at the item
 * in a list (a key names a collection better than its first line does);
 * where the path is not written, at the entry that lacks it.
 */
function declaredAt(f: Pick<LoadedFile, "file" | "locate">, path: YamlPath): At {
  return { file: f.file, ...f.locate(path, "key") };
}

function readTemplateFile(dir: string, log: IssueLog, at: At): LoadedFile | undefined {
  const file = join(dir, "template.yaml");
  if (!existsSync(file)) {
    log.error("template-not-found", at, msg.templateNotFound(dir));
    return undefined;
  }
  const yaml = parseYaml(readFileSync(file, "utf8"), { positions: "eager" });
  if (!yaml.ok) {
    for (const p of yaml.problems) {
      log.error("template-yaml", { file, ...p.at }, msg.templateYaml(p.message));
    }
    return undefined;
  }
  const parsed = validateYaml(yaml, TemplateFile);
  if (!parsed.ok) {
    for (const p of parsed.problems) {
      log.error(
        "template-schema",
        declaredAt({ file, locate: yaml.locate }, p.path),
        msg.templateSchema("", withIndicatorId(p.message, p.path, yaml.data)),
        p.hint,
      );
    }
    return undefined;
  }
  const protoKeys = restorePrototypeKeys(yaml.data, parsed.value);
  const refused = protoKeys.filter((k) => k.kind !== "restored");
  for (const k of refused) {
    const at = declaredAt({ file, locate: yaml.locate }, k.path);
    const shown = (path: YamlPath) =>
      path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
    log.error(
      "template-schema",
      at,
      k.kind === "bad-id"
        ? msg.prototypeId(shown(k.path.slice(0, -1)))
        : msg.prototypeValue(shown(k.path)),
    );
  }
  if (refused.length > 0) return undefined;
  return { dir, file, locate: yaml.locate, data: parsed.value };
}

/** "indicators[3].input: …" names the indicator too: "indicators[3] (exports-latest).input: …". */
function withIndicatorId(message: string, path: YamlPath, raw: unknown): string {
  if (path[0] !== "indicators" || typeof path[1] !== "number") return message;
  const list = (raw as { indicators?: unknown } | null)?.indicators;
  const item = Array.isArray(list) ? (list[path[1]] as { id?: unknown } | undefined) : undefined;
  if (typeof item?.id !== "string") return message;
  const head = `indicators[${path[1]}]`;
  return message.startsWith(head) ? `${head} (${item.id})${message.slice(head.length)}` : message;
}

/** Reads the chain child → parent → …, refusing cycles. */
function readChain(dir: string, log: IssueLog): LoadedFile[] | undefined {
  const chain: LoadedFile[] = [];
  const seen: string[] = [];
  let current = resolve(dir);
  let from: At = { file: join(current, "template.yaml"), line: 1, column: 1 };
  for (;;) {
    const real = existsSync(current) ? realpathSync(current) : current;
    if (seen.includes(real)) {
      log.error(
        "extends-cycle",
        from,
        msg.extendsCycle([...seen, real].map((d) => relative(process.cwd(), d) || ".")),
      );
      return undefined;
    }
    seen.push(real);
    const loaded = readTemplateFile(current, log, from);
    if (!loaded) {
      if (chain.length > 0 && !existsSync(join(current, "template.yaml"))) {
        log.issues.pop();
        log.error("extends-not-found", from, msg.extendsNotFound(current));
      }
      return undefined;
    }
    chain.push(loaded);
    const parent = loaded.data.extends;
    if (parent === undefined) return chain;
    from = declaredAt(loaded, ["extends"]);
    current = resolve(current, parent);
  }
}

/**
 * The hint for a file that is not there: the nearest name in its folder
 * ("did you mean sections/board-watch.md?"), else what the folder holds.
 */
function nearbyFile(base: string, file: string): string | undefined {
  const folder = dirname(file);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    return `there is no folder ${relative(base, folder) || "."} in ${relative(process.cwd(), base) || "."}`;
  }
  const names = readdirSync(folder).filter((n) => !n.startsWith("."));
  const near = nearestName(basename(file), names);
  const shown = (n: string) => relative(base, join(folder, n));
  if (near !== undefined) return `did you mean ${shown(near)}?`;
  return names.length > 0 ? `files there: ${names.map(shown).join(", ")}` : undefined;
}

/** True when `file`'s real path lies inside `dir`'s real path. */
export function insideFolder(dir: string, file: string): boolean {
  try {
    const root = realpathSync(dir);
    const real = realpathSync(file);
    return real === root || real.startsWith(root + sep);
  } catch {
    return false;
  }
}

function readPartials(dir: string, files: Record<string, string>): Record<string, string> {
  const folder = join(dir, "partials");
  const out: Record<string, string> = {};
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return out;
  for (const name of readdirSync(folder).sort()) {
    if (name.startsWith(".")) continue;
    const file = join(folder, name);
    // Only regular files whose real path stays in the template folder: no symlinks out.
    if (!insideFolder(dir, file) || !statSync(file).isFile()) continue;
    out[`partials/${name}`] = readFileSync(file, "utf8");
    files[`partials/${name}`] = file;
  }
  return out;
}

function declared<T>(
  items: Record<string, T> | undefined,
  key: string,
  f: LoadedFile,
  into: Map<string, Declared<T>>,
): void {
  for (const [id, def] of Object.entries(items ?? {})) {
    into.set(id, {
      id,
      def,
      dir: f.dir,
      at: declaredAt(f, [key, id]),
      locate: (path) => f.locate([key, id, ...path], "key"),
    });
  }
}

/**
 * Loads and merges a template. Returns undefined (with issues logged) when
 * the template cannot be read or is invalid.
 */
export function loadTemplate(dir: string, log: IssueLog): NormalizedTemplate | undefined {
  const chain = readChain(dir, log);
  if (!chain) return undefined;
  const child = chain[0]!;
  const t: NormalizedTemplate = {
    id: child.data.id,
    dir: child.dir,
    files: chain.map((f) => f.file),
    topic: undefined,
    topicAt: undefined,
    title: "",
    subtitle: undefined,
    titleAt: undefined,
    subtitleAt: undefined,
    author: undefined,
    organisation: undefined,
    language: "en-GB",
    numbers: {},
    subject: undefined,
    keywords: [],
    theme: {},
    writers: {},
    sections: new Map(),
    indicators: [],
    charts: new Map(),
    tables: new Map(),
    keyFigures: new Map(),
    audiences: new Map(),
    params: new Map(),
    paramsAt: undefined,
    boundParams: {},
    partials: {},
    partialFiles: {},
    at: { file: child.file, line: 1, column: 1 },
  };
  const indicatorIndex = new Map<string, number>();
  // Parent first, so the child's items override.
  for (const f of [...chain].reverse()) {
    const d = f.data;
    const at = (path: YamlPath) => declaredAt(f, path);
    if (d.topic !== undefined) {
      t.topic = d.topic;
      t.topicAt = at(["topic"]);
    }
    t.title = d.title ?? t.title;
    t.subtitle = d.subtitle ?? t.subtitle;
    if (d.title !== undefined) t.titleAt = at(["title"]);
    if (d.subtitle !== undefined) t.subtitleAt = at(["subtitle"]);
    t.author = d.author ?? t.author;
    t.organisation = d.organisation ?? t.organisation;
    t.language = d.language ?? t.language;
    t.numbers = { ...t.numbers, ...d.numbers };
    t.subject = d.subject ?? t.subject;
    t.keywords = d.keywords ?? t.keywords;
    t.theme = mergeOverrides(t.theme, d.theme ?? {});
    t.writers = mergeWriterSettings(t.writers, d.writers ?? {});
    mergeSections(d.sections, f, t.sections, log);
    declared(d.charts, "charts", f, t.charts);
    declared(d.tables, "tables", f, t.tables);
    declared(d.keyFigures, "keyFigures", f, t.keyFigures);
    declared(d.params, "params", f, t.params);
    if (d.params !== undefined) t.paramsAt = at(["params"]);
    mergeAudiences(d.audiences, f, t, log);
    omitEverywhere(d.omit, f, t, log);
    (d.indicators ?? []).forEach((def, i) => {
      const item: Declared<IndicatorDefinition> = {
        id: def.id,
        def,
        dir: f.dir,
        at: at(["indicators", i]),
        locate: (path) => f.locate(["indicators", i, ...path], "key"),
      };
      const existing = indicatorIndex.get(def.id);
      if (existing === undefined) {
        indicatorIndex.set(def.id, t.indicators.length);
        t.indicators.push(item);
      } else {
        t.indicators[existing] = item;
      }
    });
    Object.assign(t.partials, readPartials(f.dir, t.partialFiles));
  }
  const units = t.numbers.units;
  if (units !== undefined) {
    // The template's default: an indicator that names its own units keeps them.
    t.indicators = t.indicators.map((d) =>
      d.def.format?.units === undefined
        ? { ...d, def: { ...d.def, format: { ...d.def.format, units } } }
        : d,
    );
  }
  if (t.title === "") {
    log.error(
      "template-schema",
      t.at,
      msg.templateSchema("title", "a template needs a title (here or in the template it extends)"),
    );
  }
  // Section files must exist and stay inside their template's folder; so must block files.
  const checkBlockFiles = (changes: readonly BlockChange[]) => {
    for (const c of changes) {
      if (c.file === undefined) continue;
      const shown = relative(dirname(c.at.file), c.file);
      if (!existsSync(c.file)) {
        log.error(
          "section-file-missing",
          c.at,
          msg.blockFileMissing(shown),
          nearbyFile(dirname(c.at.file), c.file),
        );
      } else if (!insideFolder(dirname(c.at.file), c.file)) {
        log.error("section-file-outside", c.at, msg.sectionFileOutside(shown));
      }
    }
  };
  for (const s of t.sections.values()) {
    const file = resolve(s.dir, s.def.file);
    if (!existsSync(file)) {
      log.error(
        "section-file-missing",
        s.at,
        msg.sectionFileMissing(s.def.file),
        nearbyFile(s.dir, file),
      );
    } else if (!insideFolder(s.dir, file)) {
      log.error("section-file-outside", s.at, msg.sectionFileOutside(s.def.file));
    }
    checkBlockFiles(s.def.changes);
  }
  for (const a of t.audiences.values()) {
    for (const { changes } of Object.values(a.def.blocks)) checkBlockFiles(changes);
  }
  if (log.hasErrors) return undefined;
  // Every block the changes name must be there: checked now, at template.yaml.
  for (const id of t.sections.keys()) {
    if (t.sections.get(id)!.def.changes.length > 0) readSection(t, id, log);
  }
  for (const a of t.audiences.values()) {
    // Changes inherited for a section a child then left out are moot.
    for (const section of Object.keys(a.def.blocks)) {
      if (a.def.sections.includes(section)) readSection(t, section, log, a.id);
    }
  }
  return log.hasErrors ? undefined : t;
}

/**
 * Sections, by id: a new id needs a file; an inherited id either names a
 * new file (and its own block changes) or keeps the parent's file and adds
 * block changes to the parent's.
 */
function mergeSections(
  items: TemplateFile["sections"],
  f: LoadedFile,
  into: Map<string, Declared<SectionSource>>,
  log: IssueLog,
): void {
  for (const [id, def] of Object.entries(items ?? {})) {
    const at = declaredAt(f, ["sections", id]);
    const changes = blockChanges(def.blocks, f, ["sections", id, "blocks"]);
    const inherited = into.get(id);
    if (def.file !== undefined) {
      into.set(id, {
        id,
        def: { file: def.file, changes },
        dir: f.dir,
        at: declaredAt(f, ["sections", id, "file"]),
      });
    } else if (inherited) {
      into.set(id, {
        ...inherited,
        def: { ...inherited.def, changes: [...inherited.def.changes, ...changes] },
      });
    } else {
      const known = [...into.keys()];
      log.error(
        "unknown-section",
        at,
        msg.newSectionNeedsFile(id),
        msg.nearest(nearestName(id, known)) ??
          (known.length > 0 ? `inherited sections: ${known.join(", ")}` : undefined),
      );
    }
  }
}

/** `blocks:` of one section entry, as changes in a fixed order: remove, replace, before, after. */
function blockChanges(
  blocks: Record<string, BlockEdit> | undefined,
  f: LoadedFile,
  base: readonly string[],
): BlockChange[] {
  const out: BlockChange[] = [];
  for (const [anchor, edit] of Object.entries(blocks ?? {})) {
    const at = (action: string) => declaredAt(f, [...base, anchor, action]);
    if (edit.remove) out.push({ anchor, action: "remove", at: at("remove") });
    for (const action of ["replace", "before", "after"] as const) {
      const file = edit[action];
      if (file !== undefined) {
        out.push({ anchor, action, file: resolve(f.dir, file), at: at(action) });
      }
    }
  }
  return out;
}

/**
 * Audiences, by id: a new id needs a label and sections; an inherited one
 * changes only the fields given. `sections:` replaces the list; `omit:`
 * takes ids out of the list as it stands at this template.
 */
function mergeAudiences(
  items: TemplateFile["audiences"],
  f: LoadedFile,
  t: NormalizedTemplate,
  log: IssueLog,
): void {
  for (const [id, def] of Object.entries(items ?? {})) {
    const at = (path: YamlPath) => declaredAt(f, ["audiences", id, ...path]);
    const inherited = t.audiences.get(id)?.def;
    const { omit, theme, blocks, writers, ...given } = def;
    const fields = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
    // Block changes add up down the chain, per section.
    const audienceBlocks = { ...inherited?.blocks };
    for (const section of Object.keys(blocks ?? {})) {
      const own = blockChanges(blocks?.[section], f, ["audiences", id, "blocks", section]);
      audienceBlocks[section] = {
        at: audienceBlocks[section]?.at ?? at(["blocks", section]),
        changes: [...(audienceBlocks[section]?.changes ?? []), ...own],
      };
    }
    const merged = {
      ...inherited,
      ...fields,
      ...(def.maxPages !== undefined ? { maxPagesAt: at(["maxPages"]) } : {}),
      ...(def.title !== undefined ? { titleAt: at(["title"]) } : {}),
      ...(def.subtitle !== undefined ? { subtitleAt: at(["subtitle"]) } : {}),
      blocks: audienceBlocks,
      ...(inherited?.theme || theme
        ? { theme: mergeOverrides(inherited?.theme ?? {}, theme ?? {}) }
        : {}),
      ...(inherited?.writers || writers
        ? { writers: mergeWriterSettings(inherited?.writers ?? {}, writers ?? {}) }
        : {}),
    } as Partial<ResolvedAudience>;
    let ok = true;
    for (const key of ["label", "sections"] as const) {
      if (merged[key] === undefined) {
        log.error(
          "template-schema",
          at([]),
          msg.templateSchema(`audiences.${id}`, msg.audienceNeeds(key)),
          inherited === undefined
            ? msg.nearest(nearestName(id, [...t.audiences.keys()]))
            : undefined,
        );
        ok = false;
      }
    }
    // Sections named here must be declared (here or in a parent).
    (def.sections ?? []).forEach((name, i) => {
      if (!t.sections.has(name)) {
        log.error(
          "unknown-section",
          at(["sections", i]),
          msg.unknownSection(name, id, [...t.sections.keys()]),
        );
        ok = false;
      }
    });
    if (!ok) continue;
    const sections = [...merged.sections!];
    (omit ?? []).forEach((name, i) => {
      const where = sections.indexOf(name);
      if (where >= 0) sections.splice(where, 1);
      else {
        log.error(
          "unknown-section",
          at(["omit", i]),
          msg.omitNotListed(name, id, sections),
          msg.nearest(nearestName(name, sections)),
        );
      }
    });
    if (sections.length === 0) {
      log.error("template-schema", at(["omit"]), msg.audienceEmpty(id));
      continue;
    }
    // An audience changes blocks only of sections it uses.
    for (const section of Object.keys(blocks ?? {})) {
      if (!sections.includes(section)) {
        log.error(
          "unknown-section",
          at(["blocks", section]),
          msg.blocksOfUnusedSection(id, section, sections),
          msg.nearest(nearestName(section, sections)),
        );
      }
    }
    t.audiences.set(id, {
      id,
      def: { ...(merged as ResolvedAudience), sections },
      dir: f.dir,
      at: at([]),
    });
  }
}

/** A top-level `omit:`: sections left out of every audience, as they stand at this template. */
function omitEverywhere(
  omit: readonly string[] | undefined,
  f: LoadedFile,
  t: NormalizedTemplate,
  log: IssueLog,
): void {
  (omit ?? []).forEach((name, i) => {
    if (!t.sections.has(name)) {
      log.error(
        "unknown-section",
        declaredAt(f, ["omit", i]),
        msg.omitUnknown(name, [...t.sections.keys()]),
        msg.nearest(nearestName(name, [...t.sections.keys()])),
      );
      return;
    }
    for (const a of t.audiences.values()) {
      const sections = a.def.sections.filter((s) => s !== name);
      if (sections.length === 0) {
        log.error("template-schema", declaredAt(f, ["omit", i]), msg.audienceEmpty(a.id));
      } else {
        a.def = { ...a.def, sections };
      }
    }
  });
}

function mergeOverrides(a: ThemeOverrides, b: ThemeOverrides): ThemeOverrides {
  const out: ThemeOverrides = { ...a, ...b };
  if (a.colors || b.colors) out.colors = { ...a.colors, ...b.colors };
  if (a.sizes || b.sizes) out.sizes = { ...a.sizes, ...b.sizes };
  if (a.page || b.page) out.page = { ...a.page, ...b.page };
  return out;
}

/** The theme for an audience: house theme, then the template's, then the audience's overrides. */
export function themeFor(base: Theme, t: NormalizedTemplate, audience: ResolvedAudience): Theme {
  return applyThemeOverrides(base, mergeOverrides(t.theme, audience.theme ?? {}));
}

/**
 * A section's source as Liquid renders it: its file with the chain's block
 * changes applied (the section's, then the audience's when one is named)
 * and the block tags dropped; each line knows its origin.
 * Undefined (with issues logged) when a block is malformed or unknown.
 */
export function readSection(
  t: NormalizedTemplate,
  id: string,
  log: IssueLog,
  audience?: string,
): (AssembledSection & { file: string }) | undefined {
  const s = t.sections.get(id);
  if (!s) throw new Error(`unknown section ${id}`);
  const file = resolve(s.dir, s.def.file);
  const read = (path: string) => readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  const forAudience =
    audience === undefined ? [] : (t.audiences.get(audience)?.def.blocks[id]?.changes ?? []);
  const changes = [...s.def.changes, ...forAudience];
  const assembled = assembleSection(file, read(file), changes, read, log);
  return assembled && { ...assembled, file };
}
