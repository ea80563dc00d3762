/**
 * `briefkit preview`: the brief live in the browser while it is written.
 * A server on 127.0.0.1 shows one audience's brief (HTML, or the PDF in the
 * browser's viewer); every save in the template, the templates it extends
 * or the dataset rebuilds it warm in this process and reloads the page,
 * keeping the place. A save that breaks the brief keeps the last good one
 * on screen with every problem laid over it. Nothing is written to disk.
 * Ctrl-C stops it.
 */
import { spawn } from "node:child_process";
import { relative } from "node:path";
import { ExitCode, type Io, UsageError } from "../io.js";
import { cliMessages } from "../messages.js";
import { parseParamFlags } from "../params.js";
import { type DataChoice, resolveTemplate, usedLine } from "../paths.js";
import { type PreviewServer, startPreviewServer } from "../preview/server.js";
import { PreviewSession } from "../preview/session.js";
import { watchFolders } from "../preview/watch.js";

export interface PreviewOptions extends DataChoice {
  template?: string | undefined;
  audience?: string | undefined;
  port?: string | undefined;
  open?: boolean | undefined;
  param?: string[] | undefined;
}

/** The port asked for when none is named; a free one if it is taken. */
export const DEFAULT_PREVIEW_PORT = 4173;

export interface RunningPreview {
  url: string;
  session: PreviewSession;
  close(): Promise<void>;
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new UsageError(cliMessages.badPort(value));
  }
  return port;
}

/** Starts the session, the server and the watch; the command and the tests call it. */
export async function startPreview(io: Io, options: PreviewOptions): Promise<RunningPreview> {
  const port = parsePort(options.port);
  const params = parseParamFlags(options.param);
  const ctx = await resolveTemplate(io.cwd, options);
  const audience = options.audience ?? ctx.audiences[0];
  if (audience === undefined || !ctx.audiences.includes(audience)) {
    throw new UsageError(cliMessages.unknownPreviewAudience(options.audience ?? "", ctx.audiences));
  }
  io.err(`${usedLine(io.cwd, ctx.templateDir, [ctx.dataDir])}\n`);
  const session = new PreviewSession({
    cwd: io.cwd,
    templateDir: ctx.templateDir,
    dataDir: ctx.dataDir,
    audiences: ctx.audiences,
    params,
  });
  let server: PreviewServer | undefined;
  const watch = watchFolders(() => server?.changed());
  server = await startPreviewServer({
    session,
    port: port ?? DEFAULT_PREVIEW_PORT,
    fallback: port === undefined,
    audience,
    title: ctx.id,
    onBuilt: (selection, outcome) => {
      watch.sync(session.watchedDirs());
      const what = `${selection.audience}.${selection.format}`;
      if (outcome.errors.length === 0) {
        io.err(`${cliMessages.previewBuilt(what, outcome.ms, outcome.warnings.length)}\n`);
      } else {
        for (const p of outcome.errors) io.err(`${p.text}\n`);
        io.err(`${cliMessages.previewFailed(what, outcome.errors.length)}\n`);
      }
    },
  });
  watch.sync(session.watchedDirs());
  const running = server;
  return {
    url: running.url,
    session,
    close: async () => {
      watch.close();
      await running.close();
    },
  };
}

/** Opens the page in the desktop's browser (asked for with --open). */
function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", "", url]]
        : ["xdg-open", [url]];
  const child = spawn(cmd, args, { stdio: "ignore", detached: true });
  child.on("error", () => undefined);
  child.unref();
}

export async function previewCommand(io: Io, options: PreviewOptions): Promise<ExitCode> {
  const preview = await startPreview(io, options);
  io.out(`${cliMessages.previewListening(preview.url)}\n`);
  io.err(
    `${cliMessages.previewWatching(preview.session.watchedDirs().map((d) => relative(io.cwd, d) || "."))}\n`,
  );
  if (options.open) openBrowser(preview.url);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await preview.close();
  io.err(`${cliMessages.previewStopped}\n`);
  return ExitCode.ok;
}
