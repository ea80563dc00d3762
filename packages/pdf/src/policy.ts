/**
 * pdfmake 0.3's resource access policies (`setUrlAccessPolicy`,
 * `setLocalAccessPolicy`), locked down. pdfmake allows everything when no
 * policy is set: a document could fetch a URL or embed any local file.
 *
 * URLs: always refused. Local files: only the theme's font files and files
 * inside this package's own folder, decided on the resolved real path
 * (fs.realpathSync) and a path.relative containment test — a plain
 * `startsWith` on the raw string lets `dir + "/../../etc/passwd"` and
 * symlinks out.
 */
import { realpathSync } from "node:fs";
import { isAbsolute, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** This package's folder (packages/pdf), by real path. */
export const packageDir = realpathSync(fileURLToPath(new URL("..", import.meta.url)));

/** The URL policy: no URL, ever. */
export const refuseUrl = (_url: string): boolean => false;

function realOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * A local access policy admitting exactly `files` and anything inside `dirs`,
 * compared by real path; a path that does not resolve is refused.
 */
export function localPolicy(
  files: readonly string[],
  dirs: readonly string[] = [packageDir],
): (path: string) => boolean {
  const allowed = new Set(files.map(realOrNull).filter((p): p is string => p !== null));
  const roots = dirs.map(realOrNull).filter((p): p is string => p !== null);
  return (path: string) => {
    if (typeof path !== "string" || path.includes("\0")) return false;
    const real = realOrNull(path);
    if (real === null) return false;
    return allowed.has(real) || roots.some((root) => inside(root, real));
  };
}
