/**
 * How a batch shows its progress on stderr: a bar redrawn in place on a
 * terminal, one plain line per finished job elsewhere (CI logs, files),
 * where a redrawn line would be noise.
 */
import type { Io } from "../io.js";

export interface Progress {
  /** A job finished: built, failed, or taken from the cache. */
  step(outcome: "built" | "failed" | "cached", label: string, ms: number): void;
  /** Clears the bar (a terminal) so the summary starts on a clean line. */
  end(): void;
}

export function createProgress(io: Io, total: number): Progress {
  const counts = { built: 0, failed: 0, cached: 0 };
  const started = performance.now();
  const done = () => counts.built + counts.failed + counts.cached;
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  if (io.tty) {
    const draw = () => {
      const width = Math.max(10, Math.min(40, (io.columns ?? 80) - 50));
      const filled = Math.round((done() / Math.max(1, total)) * width);
      const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
      io.err(
        `\r\u001b[2K${bar} ${done()}/${total}  built ${counts.built} · cached ${counts.cached} · failed ${counts.failed}  ${seconds()} s`,
      );
    };
    draw();
    return {
      step(outcome) {
        counts[outcome] += 1;
        draw();
      },
      end() {
        io.err("\r\u001b[2K");
      },
    };
  }
  const width = String(total).length;
  return {
    step(outcome, label, ms) {
      counts[outcome] += 1;
      const timing = outcome === "cached" ? "" : ` (${(ms / 1000).toFixed(2)} s)`;
      io.err(
        `[${String(done()).padStart(width)}/${total}] ${outcome.padEnd(6)} ${label}${timing}\n`,
      );
    },
    end() {},
  };
}
