/**
 * Watching the folders a brief is made from: one fs.watch per directory,
 * each folder and every subfolder. Node 20's own recursive watch on Linux
 * watches the files it found at the start, so it goes blind to a file after
 * its first save by write-and-rename (vim, sed -i, editors' "atomic save");
 * a directory's watch sees every entry written, created or renamed in it.
 * The tree is walked again after each event, so a new subfolder is watched
 * too, and the set of roots can change (an edit to `extends:`): `sync`.
 */
import { type Dirent, type FSWatcher, readdirSync, watch } from "node:fs";
import { join } from "node:path";
import { isEditorScratch } from "./session.js";

export interface FolderWatch {
  /** Watches exactly these folders (and their subfolders) from now on. */
  sync(roots: readonly string[]): void;
  close(): void;
}

/** Every folder under `root`, itself included; hidden folders left out. */
function foldersUnder(root: string): string[] {
  const found = [root];
  for (let i = 0; i < found.length; i++) {
    let entries: Dirent[];
    try {
      entries = readdirSync(found[i]!, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith(".")) found.push(join(found[i]!, e.name));
    }
  }
  return found;
}

export function watchFolders(onChange: (file: string) => void): FolderWatch {
  const watchers = new Map<string, FSWatcher>();
  let roots: readonly string[] = [];
  const resync = () => {
    const wanted = new Set(roots.flatMap(foldersUnder));
    for (const [dir, w] of watchers) {
      if (!wanted.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const dir of wanted) {
      if (watchers.has(dir)) continue;
      try {
        const w = watch(dir, (_event, name) => {
          if (name !== null && isEditorScratch(name)) return;
          resync();
          onChange(name === null ? dir : join(dir, name));
        });
        // A folder removed while watched: its watch ends; the next walk finds it again if it returns.
        w.on("error", () => {
          w.close();
          watchers.delete(dir);
        });
        watchers.set(dir, w);
      } catch {
        // Gone between the walk and the watch: the next walk decides.
      }
    }
  };
  return {
    sync(next) {
      roots = [...next];
      resync();
    },
    close() {
      roots = [];
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
