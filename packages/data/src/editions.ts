/**
 * The editions (vintages) of a topic: `data/<topic>/<edition>/`, each a
 * dataset folder whose dataset.yaml declares `edition: "<edition>"`.
 * `listEditions` finds them, oldest first, and checks the two rules that
 * span folders: no two folders declare the same edition, and each folder is
 * named after the edition it declares. Everything else about a folder is
 * `loadDataset`'s business.
 */
import type { Dirent } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type Document, isMap, isScalar, type Scalar } from "yaml";
import { type Issue, makeIssue, type Position, sortIssues } from "./issues.js";
import * as msg from "./messages.js";
import { parseYamlDocument } from "./positioned-yaml.js";
import { defaultMaxFileBytes } from "./schema.js";
import { decodeUtf8 } from "./text.js";
import { readPlainYaml } from "./yaml-fast.js";

/** One edition folder of a topic. */
export interface Edition {
  /** The edition id its dataset.yaml declares (the folder name when it declares none). */
  readonly edition: string;
  /** The folder's name. */
  readonly folder: string;
  /** Absolute path of the folder. */
  readonly dir: string;
  /** The `published` date, when dataset.yaml gives one as text. */
  readonly published?: string;
}

/** The editions of a topic and the problems between them. */
export interface EditionList {
  /** False when two folders declare one edition or a folder is misnamed. */
  readonly ok: boolean;
  /** Every edition folder, oldest first (edition ids compared with numbers as numbers). */
  readonly editions: readonly Edition[];
  /** `duplicate-edition` and `edition-folder-mismatch`, at the `edition:` of dataset.yaml. */
  readonly issues: readonly Issue[];
}

interface Declared {
  readonly edition: string | undefined;
  readonly published: string | undefined;
  /** Where `edition:` is written; looked up only when a problem is reported there. */
  readonly at: () => Position;
}

/**
 * The `edition:` and `published:` of a dataset.yaml, if it states them as
 * text. Read from the node tree, aliases unexpanded: a file whose aliases
 * `parseYaml` refuses still declares its edition (loadDataset reports the
 * aliases).
 */
export function readEditionFields(text: string): Declared {
  const start = { line: 1, column: 1 };
  const editionAt = (): Position => {
    const parsed = parseYamlDocument(text);
    const node = parsed.ok ? textScalar(parsed.doc, "edition") : undefined;
    return parsed.ok && node?.range ? parsed.pos(node.range[0]) : start;
  };
  const fast = readPlainYaml(text);
  if (fast !== undefined) {
    const root = fast.data;
    const field = (key: string) => {
      const value =
        root !== null && typeof root === "object" && !Array.isArray(root)
          ? (root as Record<string, unknown>)[key]
          : undefined;
      return typeof value === "string" ? value : undefined;
    };
    // Positions come from `yaml`, parsed only when an issue asks for one.
    return { edition: field("edition"), published: field("published"), at: editionAt };
  }
  const parsed = parseYamlDocument(text);
  if (!parsed.ok || !isMap(parsed.doc.contents)) {
    return { edition: undefined, published: undefined, at: () => start };
  }
  const edition = textScalar(parsed.doc, "edition");
  return {
    edition: edition?.value as string | undefined,
    published: textScalar(parsed.doc, "published")?.value as string | undefined,
    at: () => (edition?.range ? parsed.pos(edition.range[0]) : start),
  };
}

/** The top-level `key:` of a parsed dataset.yaml, when its value is text. */
function textScalar(doc: Document, key: string): Scalar | undefined {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  const value = root.items.find((p) => isScalar(p.key) && p.key.value === key)?.value;
  return isScalar(value) && typeof value.value === "string" ? value : undefined;
}

async function readSmall(path: string): Promise<Uint8Array | undefined> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, "r");
    const s = await handle.stat();
    if (!s.isFile() || s.size > defaultMaxFileBytes) return undefined;
    return await handle.readFile();
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

const byEdition = new Intl.Collator("en", { numeric: true });

/**
 * Lists the edition folders of a topic folder (those holding a
 * dataset.yaml), oldest first, and reports two vintages with the same id
 * and a folder named otherwise than its edition. A missing topic folder has
 * no editions. Never throws for bad input.
 */
export async function listEditions(topicDir: string): Promise<EditionList> {
  const root = resolve(topicDir);
  let entries: Dirent[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return { ok: true, editions: [], issues: [] };
  }
  const found = await Promise.all(
    entries.map(async (e) => {
      const dir = join(root, e.name);
      if (
        !e.isDirectory() &&
        !(e.isSymbolicLink() && (await stat(dir).catch(() => undefined))?.isDirectory())
      ) {
        return undefined;
      }
      const file = join(dir, "dataset.yaml");
      const bytes = await readSmall(file);
      if (bytes === undefined) return undefined;
      const decoded = decodeUtf8(bytes);
      const declared: Declared = decoded.ok
        ? readEditionFields(decoded.text)
        : { edition: undefined, published: undefined, at: () => ({ line: 1, column: 1 }) };
      return { folder: e.name, dir, file, declared };
    }),
  );
  const folders = found
    .filter((f) => f !== undefined)
    .sort((a, b) => byEdition.compare(a.folder, b.folder) || (a.folder < b.folder ? -1 : 1));

  const issues: Issue[] = [];
  const first = new Map<string, string>();
  for (const f of folders) {
    const { edition } = f.declared;
    const at = () => f.declared.at();
    if (edition === undefined) continue; // loadDataset reports a missing or malformed edition
    const earlier = first.get(edition);
    if (earlier !== undefined) {
      issues.push(
        makeIssue("duplicate-edition", f.file, at(), msg.duplicateEdition(edition, earlier)),
      );
    } else first.set(edition, f.folder);
    if (edition !== f.folder) {
      issues.push(
        makeIssue(
          "edition-folder-mismatch",
          f.file,
          at(),
          msg.editionFolderMismatch(edition, f.folder),
        ),
      );
    }
  }
  const editions: Edition[] = folders
    .map((f) => ({
      edition: f.declared.edition ?? f.folder,
      folder: f.folder,
      dir: f.dir,
      ...(f.declared.published !== undefined ? { published: f.declared.published } : {}),
    }))
    .sort(
      (a, b) => byEdition.compare(a.edition, b.edition) || byEdition.compare(a.folder, b.folder),
    );
  return { ok: issues.length === 0, editions, issues: sortIssues(issues) };
}
