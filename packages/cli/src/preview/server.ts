/**
 * The preview's HTTP server (node:http), safe by default:
 *
 * - it listens on 127.0.0.1 only;
 * - a request whose Host is not `localhost:PORT` or `127.0.0.1:PORT` is
 *   refused, so a page on another site cannot reach it by rebinding a name
 *   of its own to 127.0.0.1;
 * - it serves a closed list of routes: its page, its script and style, the
 *   event stream, and the briefs it built, from memory. No route reads a
 *   file, so there is no listing and no path outside; a path with `..`, a
 *   backslash or any percent-escape (`%2e%2e`, `%2f`) is refused before
 *   routing;
 * - every response carries a Content-Security-Policy, and nothing is cached.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { shellPage, shellScript, shellStyle } from "./page.js";
import {
  contentType,
  isPreviewFormat,
  type Outcome,
  type PreviewSession,
  type Selection,
  selectionKey,
} from "./session.js";

export const LOOPBACK = "127.0.0.1";

/** The policies, by what is served. Nothing may load from anywhere but this server. */
export const CSP = {
  page: "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  // The brief's own meta policy still applies on top: its style hash, its data: fonts.
  html: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
  pdf: "default-src 'none'; object-src 'self'; frame-ancestors 'self'",
  other: "default-src 'none'; frame-ancestors 'none'",
} as const;

/** The event the page receives after each build of the brief it shows. */
export interface BriefEvent {
  audience: string;
  format: string;
  audiences: string[];
  /** The change count of the brief served at /brief/…; null until one built. */
  briefVersion: number | null;
  errors: Outcome["errors"];
  warnings: Outcome["warnings"];
  ms: number;
}

export interface PreviewServer {
  url: string;
  port: number;
  /** A watched file changed: rebuild what the open pages show, and tell them. */
  changed(): void;
  close(): Promise<void>;
}

export interface ServerOptions {
  session: PreviewSession;
  /** The port to ask for; 0 for any free one. */
  port: number;
  /** When `port` is taken: take a free one (the default port) or fail (a port the user named). */
  fallback: boolean;
  /** Shown first when the page opens without choosing. */
  audience: string;
  title: string;
  /** After each build: its selection and outcome (the command prints a line). */
  onBuilt?: (selection: Selection, outcome: Outcome) => void;
}

/**
 * Whether a request path is one this server may route. Strict on purpose:
 * the routes need no escapes, so none is decoded, and none can smuggle a
 * `..` or a `/` past the check.
 */
export function safePath(path: string): boolean {
  return /^\/[A-Za-z0-9._\-/]*$/.test(path) && !path.includes("..") && !path.includes("//");
}

/** The Host header is this server's own name: loopback by name or number, with its port. */
export function allowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

interface Client {
  selection: Selection;
  res: ServerResponse;
}

export async function startPreviewServer(options: ServerOptions): Promise<PreviewServer> {
  const { session } = options;
  const clients = new Set<Client>();
  let port = 0;

  const send = (
    res: ServerResponse,
    status: number,
    type: string,
    body: string | Uint8Array,
    csp: string = CSP.other,
    head = false,
  ) => {
    res.writeHead(status, {
      "Content-Type": type,
      "Content-Length": Buffer.byteLength(body),
      "Content-Security-Policy": csp,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": "no-store",
    });
    res.end(head ? undefined : body);
  };
  const text = (res: ServerResponse, status: number, message: string) =>
    send(res, status, "text/plain; charset=utf-8", `${message}\n`);

  const selectionOf = (query: URLSearchParams): Selection | undefined => {
    const audience = query.get("audience") || options.audience;
    const format = query.get("format") || "html";
    if (!session.audiences.includes(audience) || !isPreviewFormat(format)) return undefined;
    return { audience, format };
  };

  const eventOf = (selection: Selection, outcome: Outcome): BriefEvent => ({
    audience: selection.audience,
    format: selection.format,
    audiences: session.audiences,
    briefVersion: outcome.good?.version ?? null,
    errors: outcome.errors,
    warnings: outcome.warnings,
    ms: outcome.ms,
  });

  const push = (client: Client, outcome: Outcome) => {
    client.res.write(
      `event: brief\ndata: ${JSON.stringify(eventOf(client.selection, outcome))}\n\n`,
    );
  };

  const reported = new WeakSet<Outcome>();
  const built = async (selection: Selection): Promise<Outcome> => {
    const outcome = await session.ensure(selection);
    if (!reported.has(outcome)) {
      reported.add(outcome);
      options.onBuilt?.(selection, outcome);
    }
    return outcome;
  };

  // One pump at a time: it rebuilds every selection an open page shows, until
  // no save arrived during its builds.
  let pumping = false;
  let pumpAgain = false;
  const pump = async () => {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        const wanted = new Map<string, Selection>();
        for (const c of clients) wanted.set(selectionKey(c.selection), c.selection);
        for (const [key, selection] of wanted) {
          const outcome = await built(selection);
          for (const c of clients) if (selectionKey(c.selection) === key) push(c, outcome);
        }
      } while (pumpAgain);
    } finally {
      pumping = false;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHost(req.headers.host, port)) return text(res, 403, "forbidden host");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      return text(res, 405, "method not allowed");
    }
    const raw = req.url ?? "/";
    const q = raw.indexOf("?");
    const path = q < 0 ? raw : raw.slice(0, q);
    if (!safePath(path)) return text(res, 400, "bad path");
    const query = new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
    const head = req.method === "HEAD";

    if (path === "/") {
      const page = shellPage(options.title, { audience: options.audience, format: "html" });
      return send(res, 200, "text/html; charset=utf-8", page, CSP.page, head);
    }
    if (path === "/_preview/client.js") {
      return send(res, 200, "text/javascript; charset=utf-8", shellScript, CSP.other, head);
    }
    if (path === "/_preview/style.css") {
      return send(res, 200, "text/css; charset=utf-8", shellStyle, CSP.other, head);
    }
    if (path === "/_preview/events") {
      const selection = selectionOf(query);
      if (selection === undefined) return text(res, 404, "no such audience or format");
      res.writeHead(200, {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Content-Security-Policy": CSP.other,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
        Connection: "keep-alive",
      });
      res.write("retry: 500\n\n");
      const client: Client = { selection, res };
      clients.add(client);
      req.on("close", () => clients.delete(client));
      push(client, await built(selection));
      return;
    }
    const brief = /^\/brief\/([A-Za-z0-9_-]+)\.([a-z]+)$/.exec(path);
    if (brief) {
      const [, audience = "", format = ""] = brief;
      if (!session.audiences.includes(audience) || !isPreviewFormat(format)) {
        return text(res, 404, "not found");
      }
      const selection: Selection = { audience, format };
      const good = (session.outcome(selection) ?? (await built(selection))).good;
      if (good === undefined) return text(res, 404, "this brief has not built yet");
      return send(res, 200, contentType(format), good.bytes, CSP[format], head);
    }
    return text(res, 404, "not found");
  };

  // No Host header is refused by the Host check, with the policy, as any other.
  const server: Server = createServer({ requireHostHeader: false }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) text(res, 500, "internal error");
      else res.end();
      process.emitWarning(error instanceof Error ? error : String(error));
    });
  });
  // A request Node cannot parse gets its answer here, policy included.
  server.on("clientError", (_error, socket) => {
    if (socket.writable) {
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Security-Policy: ${CSP.other}\r\nX-Content-Type-Options: nosniff\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
    } else socket.destroy();
  });

  port = await listen(server, options.port, options.fallback);
  const url = `http://${LOOPBACK}:${port}/`;

  let timer: NodeJS.Timeout | undefined;
  return {
    url,
    port,
    changed: () => {
      session.changed();
      // Editors save in bursts (write, rename, chmod): one build for the burst.
      clearTimeout(timer);
      timer = setTimeout(() => void pump(), 15);
    },
    close: async () => {
      clearTimeout(timer);
      for (const c of clients) c.res.end();
      clients.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function listen(server: Server, port: number, fallback: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" && fallback && port !== 0) {
        server.listen(0, LOOPBACK);
        return;
      }
      server.off("listening", onListening);
      reject(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.on("error", onError);
    server.once("listening", onListening);
    server.listen(port, LOOPBACK);
  });
}
