/**
 * The preview server's safety rules, with plain HTTP requests written byte
 * for byte on a socket (an HTTP client would normalise the paths under
 * test): loopback only, its own Host names only, nothing but its page and
 * the briefs it built, a Content-Security-Policy on every response. And
 * what it serves is what `briefkit build` writes; Ctrl-C stops it.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCommand } from "../src/commands/build.js";
import { type RunningPreview, startPreview } from "../src/commands/preview.js";
import { exampleCopy, root } from "./preview-fixture.js";

interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
}

/** Sends one request exactly as written and reads the whole response. */
function raw(port: number, request: string, host = "127.0.0.1"): Promise<RawResponse> {
  return new Promise((resolvePromise, reject) => {
    const socket = connect(port, host);
    const chunks: Buffer[] = [];
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", reject);
    socket.on("end", () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf("\r\n\r\n");
      const head = all.subarray(0, split).toString("latin1").split("\r\n");
      const status = Number(head[0]?.split(" ")[1]);
      const headers = new Map(
        head.slice(1).map((l) => {
          const i = l.indexOf(":");
          return [l.slice(0, i).toLowerCase(), l.slice(i + 1).trim()] as [string, string];
        }),
      );
      resolvePromise({ status, headers, body: all.subarray(split + 4) });
    });
    socket.write(request);
  });
}

/** A GET with this Host header (null: none), sent to `address`. */
const get = (
  port: number,
  path: string,
  host: string | null = `127.0.0.1:${port}`,
  address = "127.0.0.1",
) =>
  raw(
    port,
    `GET ${path} HTTP/1.1\r\n${host === null ? "" : `Host: ${host}\r\n`}Connection: close\r\n\r\n`,
    address,
  );

describe("the preview server", () => {
  let dir: string;
  let preview: RunningPreview;
  let port: number;
  const secretText = () => readFileSync(join(dir, "templates/russia-japan/template.yaml"), "utf8");

  beforeAll(async () => {
    dir = exampleCopy();
    preview = await startPreview(
      { cwd: dir, out: () => undefined, err: () => undefined },
      { port: "0" },
    );
    port = Number(new URL(preview.url).port);
  });
  afterAll(async () => {
    await preview?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("listens on 127.0.0.1 only", async () => {
    expect(preview.url).toBe(`http://127.0.0.1:${port}/`);
    expect((await get(port, "/")).status).toBe(200);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && a.family === "IPv4")
      .map((a) => a!.address);
    for (const address of [...others, "::1"]) {
      await expect(
        get(port, "/", `localhost:${port}`, address).then(() => "open"),
      ).rejects.toMatchObject({
        code: "ECONNREFUSED",
      });
    }
  });

  it("answers only to its own Host names", async () => {
    expect((await get(port, "/", `127.0.0.1:${port}`)).status).toBe(200);
    expect((await get(port, "/", `localhost:${port}`)).status).toBe(200);
    for (const host of [
      "evil.example",
      `evil.example:${port}`,
      `127.0.0.1.evil.example:${port}`,
      `localhost.evil.example:${port}`,
      "localhost",
      `localhost:${port + 1}`,
      null,
    ]) {
      const r = await get(port, "/", host);
      expect(r.status, String(host)).toBe(403);
      expect(r.body.toString()).not.toContain("briefkit preview");
    }
  });

  it("serves no path outside its routes, escaped or not", async () => {
    const secret = secretText().slice(0, 60);
    for (const path of [
      "/../templates/russia-japan/template.yaml",
      "/brief/../../templates/russia-japan/template.yaml",
      "/brief/%2e%2e/%2e%2e/templates/russia-japan/template.yaml",
      "/brief/%2E%2E%2Ftemplate.yaml",
      "/brief/..%2f..%2ftemplate.yaml",
      "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
      "/brief/..%5c..%5ctemplate.yaml",
      "/brief\\..\\template.yaml",
      "//etc/passwd",
      "/templates/russia-japan/template.yaml",
      "/data/russia-japan/2005/bilateral-trade.csv",
    ]) {
      const r = await get(port, path);
      expect([400, 404], path).toContain(r.status);
      expect(r.body.toString()).not.toContain(secret);
    }
  });

  it("lists no folder", async () => {
    for (const path of ["/brief/", "/brief", "/_preview/", "/_preview"]) {
      const r = await get(port, path);
      expect(r.status, path).toBe(404);
    }
    expect((await get(port, "/brief/nobody.html")).status).toBe(404);
    expect((await get(port, "/brief/full.docx")).status).toBe(404);
  });

  it("puts a Content-Security-Policy on every response", async () => {
    const responses = await Promise.all([
      get(port, "/"),
      get(port, "/_preview/client.js"),
      get(port, "/_preview/style.css"),
      get(port, "/brief/full.html"),
      get(port, "/brief/executive.pdf"),
      get(port, "/nowhere"),
      get(port, "/%2e%2e/"),
      get(port, "/", "evil.example"),
      // Node cannot parse this one: its answer carries the policy too.
      raw(port, "GET /\x00 HTTP/1.1\r\n\r\n"),
      raw(
        port,
        `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      ),
    ]);
    expect(responses.map((r) => r.status)).toEqual([
      200, 200, 200, 200, 200, 404, 400, 403, 400, 405,
    ]);
    for (const r of responses) {
      const csp = r.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'none'");
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    }
    // The page runs only its own script: no inline code, nothing from elsewhere.
    expect(responses[0]!.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(responses[0]!.body.toString()).not.toMatch(/<script>|\son[a-z]+=/);
  });

  it("serves the bytes `briefkit build` writes", async () => {
    const out = mkdtempSync(join(tmpdir(), "briefkit-preview-build-"));
    const code = await buildCommand(
      { cwd: dir, out: () => undefined, err: () => undefined },
      { audience: "full", format: "html,pdf", out },
    );
    expect(code).toBe(0);
    const html = await get(port, "/brief/full.html");
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.body.equals(readFileSync(join(out, "russia-japan-2005-full.html")))).toBe(true);
    const pdf = await get(port, "/brief/full.pdf");
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.body.equals(readFileSync(join(out, "russia-japan-2005-full.pdf")))).toBe(true);
    rmSync(out, { recursive: true, force: true });
  });
});

describe("briefkit preview as a process", () => {
  it("prints its URL and stops cleanly on Ctrl-C (SIGINT)", async () => {
    const dir = exampleCopy();
    const child = spawn(
      resolve(root, "node_modules/.bin/tsx"),
      [
        "--conditions=@briefkit/source",
        resolve(root, "packages/cli/src/bin.ts"),
        "preview",
        "--port",
        "0",
      ],
      { cwd: dir, env: { ...process.env, INIT_CWD: dir } },
    );
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (c) => {
      stderr += c;
    });
    const url = await new Promise<string>((resolveUrl, reject) => {
      child.stdout.on("data", (c) => {
        stdout += c;
        const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(stdout);
        if (m) resolveUrl(m[0]);
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const port = Number(new URL(url).port);
    expect((await get(port, "/")).status).toBe(200);
    // tsx passes the signal on to the Node process it runs.
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(stderr).toContain("briefkit preview stopped");
    await expect(get(port, "/")).rejects.toMatchObject({ code: "ECONNREFUSED" });
    rmSync(dir, { recursive: true, force: true });
  });
});
