/**
 * The write guarantee (src/publish.ts): a set of files lands all or nothing,
 * a blocked target or a failed rename changes nothing (same inodes, same
 * bytes), two writers take turns, and a folder left by a run killed at any
 * step (each step laid out on disk here, as the run leaves it) is finished
 * or undone by the next one, with no trace left. The real SIGKILL loop is in
 * kill.test.ts.
 */
import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  JOURNAL_NAME,
  LOCK_NAME,
  MANIFEST_NAME,
  type Manifest,
  PublishError,
  publish,
  recoverFolder,
} from "../src/publish.js";
import {
  deadPid,
  manifestMismatches,
  readManifest,
  root,
  sha,
  snapshot,
  traces,
  variantTemplate,
} from "./output-folder.js";
import { runCli } from "./run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "briefkit-publish-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let folders = 0;
const freshFolder = () => {
  const dir = join(tmp, `f${folders++}`);
  mkdirSync(dir);
  return dir;
};

const briefkit = (...argv: string[]) => runCli(root, argv);

const header = { template: "t", edition: "e", date: "2005-09-08T00:00:00.000Z" };
const files = (tag: string) =>
  ["a.pdf", "b.docx", "c.html"].map((name) => ({
    name,
    bytes: Buffer.from(`${tag} ${name} `.repeat(50 + name.length)),
  }));
const manifestOf = (set: ReturnType<typeof files>): Manifest => ({
  briefkit: "outputs/1",
  ...header,
  files: set.map((f) => ({ name: f.name, bytes: f.bytes.length, sha256: sha(f.bytes) })),
});

describe("publish", () => {
  it("writes the set and a manifest of it, and leaves nothing else", async () => {
    const dir = freshFolder();
    const set = files("old");
    const published = await publish(dir, set, { manifest: header });
    expect(published.manifest).toEqual(manifestOf(set));
    expect(readManifest(dir)).toEqual(manifestOf(set));
    for (const f of set) expect(readFileSync(join(dir, f.name))).toEqual(f.bytes);
    expect(traces(dir)).toEqual([]);
  });

  it("refuses a target that is a folder before touching anything", async () => {
    const dir = freshFolder();
    await publish(dir, files("old"), { manifest: header });
    rmSync(join(dir, "b.docx"));
    mkdirSync(join(dir, "b.docx"));
    const before = snapshot(dir);
    const manifest = readFileSync(join(dir, MANIFEST_NAME));
    const error = await publish(dir, files("new"), { manifest: header }).catch((e) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).failure).toEqual({
      kind: "blocked",
      name: "b.docx",
      what: "folder",
    });
    expect(snapshot(dir)).toEqual(before);
    expect(readFileSync(join(dir, MANIFEST_NAME))).toEqual(manifest);
    expect(traces(dir)).toEqual([]);
  });

  it("a report written outside a set keeps the manifest, unless it replaces a file the manifest lists", async () => {
    const dir = freshFolder();
    await publish(dir, files("old"), { manifest: header });
    const manifest = readManifest(dir);
    await publish(dir, [{ name: "changes.md", bytes: Buffer.from("# changes\n") }]);
    expect(readManifest(dir)).toEqual(manifest);
    await publish(dir, [{ name: "a.pdf", bytes: Buffer.from("not the set's") }]);
    expect(existsSync(join(dir, MANIFEST_NAME))).toBe(false);
    expect(traces(dir)).toEqual([]);
  });

  it("waits for a live lock, then stops with nothing changed", async () => {
    const dir = freshFolder();
    await publish(dir, files("old"), { manifest: header });
    // This process is alive: a lock in its name with another token is another writer's.
    const lock = join(dir, LOCK_NAME);
    writeFileSync(
      lock,
      JSON.stringify({
        pid: process.pid,
        start: null,
        host: (await import("node:os")).hostname(),
        token: "x",
      }),
    );
    const before = snapshot(dir);
    const started = Date.now();
    const error = await publish(dir, files("new"), { manifest: header, lockTimeoutMs: 300 }).catch(
      (e) => e,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect((error as PublishError).failure).toMatchObject({
      kind: "locked",
      holder: { pid: process.pid },
    });
    expect(snapshot(dir)).toEqual(before);
    rmSync(lock);
  });

  it("breaks a lock whose process is gone, and an empty one left by a kill while it was written", async () => {
    const dir = freshFolder();
    const host = (await import("node:os")).hostname();
    writeFileSync(
      join(dir, LOCK_NAME),
      JSON.stringify({ pid: deadPid(), start: null, host, token: "x" }),
    );
    await publish(dir, files("old"), { manifest: header, lockTimeoutMs: 0 });
    expect(traces(dir)).toEqual([]);
  });

  it("two writers in one process take turns: one whole set, the manifest true to it", async () => {
    const dir = freshFolder();
    const a = files("first");
    const b = files("second");
    await Promise.all([
      publish(dir, a, { manifest: header }),
      publish(dir, b, { manifest: header }),
    ]);
    const manifest = readManifest(dir)!;
    expect(manifestMismatches(dir, manifest)).toEqual([]);
    expect([manifestOf(a), manifestOf(b)]).toContainEqual(manifest);
    expect(traces(dir)).toEqual([]);
  });
});

/**
 * The steps of a commit, in order, as a run killed after each leaves the
 * folder: laid out here by hand, in the journal's own format, by a process
 * that has exited (so its staging folder and journal are a dead one's).
 */
function interruptedCommit(dir: string, next: ReturnType<typeof files>, steps: number) {
  const pid = deadPid();
  const stagingName = `.briefkit-staging-${pid}-0a1b2c`;
  const staging = join(dir, stagingName);
  const actions: Array<() => void> = [
    () => {
      mkdirSync(join(staging, "new"), { recursive: true });
      mkdirSync(join(staging, "old"));
      for (const f of next) writeFileSync(join(staging, "new", f.name), f.bytes);
      for (const name of [...next.map((f) => f.name), MANIFEST_NAME]) {
        if (existsSync(join(dir, name))) linkSync(join(dir, name), join(staging, "old", name));
      }
    },
    () =>
      writeFileSync(
        join(dir, JOURNAL_NAME),
        JSON.stringify({
          briefkit: "journal/1",
          pid,
          staging: stagingName,
          files: next.map((f) => ({
            name: f.name,
            bytes: f.bytes.length,
            sha256: sha(f.bytes),
            existed: existsSync(join(dir, f.name)),
          })),
          manifest: { action: "write", manifest: manifestOf(next) },
          oldManifest: existsSync(join(dir, MANIFEST_NAME)),
        }),
      ),
    () => unlinkSync(join(dir, MANIFEST_NAME)),
    ...next.map((f) => () => renameSync(join(staging, "new", f.name), join(dir, f.name))),
    () => writeFileSync(join(dir, MANIFEST_NAME), `${JSON.stringify(manifestOf(next), null, 2)}\n`),
    () => unlinkSync(join(dir, JOURNAL_NAME)),
  ];
  for (const act of actions.slice(0, steps)) act();
  return { staging, total: actions.length };
}

describe("the next run heals a folder whose run was killed", () => {
  const old = files("old");
  const next = files("new");
  // 1: staged, 2: journal, 3: old manifest gone, 4-6: renames, 7: manifest, 8: journal gone.
  const total = interruptedCommit(freshFolder(), next, 0).total;

  for (let steps = 1; steps <= total; steps++) {
    it(`after step ${steps} of ${total}: ${steps === 1 ? "undone, nothing had changed" : "finished"}`, async () => {
      const dir = freshFolder();
      await publish(dir, old, { manifest: header });
      const before = snapshot(dir);
      interruptedCommit(dir, next, steps);
      const recovery = await recoverFolder(dir);
      if (steps === 1) {
        // Killed before its journal: the targets were never touched, the staging folder goes.
        expect(recovery.interrupted).toBeUndefined();
        expect(recovery.removed).toHaveLength(1);
        expect(snapshot(dir)).toEqual(before);
        expect(readManifest(dir)).toEqual(manifestOf(old));
      } else {
        if (steps < total) {
          expect(recovery.interrupted).toMatchObject({ outcome: "finished", files: 3 });
        }
        for (const f of next) expect(readFileSync(join(dir, f.name))).toEqual(f.bytes);
        expect(readManifest(dir)).toEqual(manifestOf(next));
      }
      expect(traces(dir)).toEqual([]);
    });
  }

  it("a commit whose staged files are gone is undone: the old files back, the very same inodes", async () => {
    const dir = freshFolder();
    await publish(dir, old, { manifest: header });
    const before = snapshot(dir);
    // Killed after the first rename; then the second staged file was lost.
    const { staging } = interruptedCommit(dir, next, 4);
    rmSync(join(staging, "new", "b.docx"));
    const recovery = await recoverFolder(dir);
    expect(recovery.interrupted).toMatchObject({ outcome: "undone" });
    expect(snapshot(dir)).toEqual(before);
    expect(readManifest(dir)).toEqual(manifestOf(old));
    expect(traces(dir)).toEqual([]);
  });

  it("a journal that is not one is an error, and nothing changes", async () => {
    const dir = freshFolder();
    await publish(dir, old, { manifest: header });
    writeFileSync(join(dir, JOURNAL_NAME), '{"briefkit": "journal/1", "staging": "../../etc"}');
    const before = snapshot(dir);
    const error = await publish(dir, next, { manifest: header }).catch((e) => e);
    expect((error as PublishError).failure.kind).toBe("bad-journal");
    expect(snapshot(dir)).toEqual(before);
  });

  it("removes the *.tmp-<pid> files of dead processes that earlier versions left, and keeps a live one's", async () => {
    const dir = freshFolder();
    await publish(dir, old, { manifest: header });
    writeFileSync(join(dir, "a.pdf.tmp-12345"), "half a pdf");
    const dead = `b.docx.tmp-${deadPid()}`;
    writeFileSync(join(dir, dead), "half a docx");
    const live = `c.html.tmp-${process.pid}`;
    writeFileSync(join(dir, live), "being written");
    // A user's own file of that shape, in a folder `diff --out` may share: never briefkit's to remove.
    const theirs = `notes.txt.tmp-${deadPid()}`;
    writeFileSync(join(dir, theirs), "someone's notes");
    const recovery = await recoverFolder(dir);
    expect(recovery.removed.sort()).toEqual(
      [dead, ...(existsSync(`/proc/12345`) ? [] : ["a.pdf.tmp-12345"])].sort(),
    );
    expect(existsSync(join(dir, live))).toBe(true);
    expect(readFileSync(join(dir, theirs), "utf8")).toBe("someone's notes");
    rmSync(join(dir, live));
    rmSync(join(dir, theirs));
  });
});

describe("briefkit build into a folder", () => {
  const names = ["full", "executive", "business", "executive-ru", "executive-ja"].map(
    (a) => `russia-japan-2005-${a}.html`,
  );
  const variant = variantTemplate(join(tmp, "variant"), "variant");
  let oldSet: string;
  beforeAll(async () => {
    oldSet = join(tmp, "old-set");
    const r = await briefkit("build", "--format", "html", "--out", oldSet);
    expect(r.code, r.err).toBe(0);
  });
  const copyOldSet = () => {
    const dir = freshFolder();
    for (const n of [...names, MANIFEST_NAME]) {
      writeFileSync(join(dir, n), readFileSync(join(oldSet, n)));
    }
    return dir;
  };
  const buildVariant = (out: string) =>
    briefkit("build", "--template", variant, "--format", "html", "--out", out);

  it("a target blocked by a folder: exit 1, the path named, no other file touched, nothing left", async () => {
    const dir = copyOldSet();
    rmSync(join(dir, names[1]!));
    mkdirSync(join(dir, names[1]!));
    const before = snapshot(dir);
    const manifest = readFileSync(join(dir, MANIFEST_NAME));
    const r = await buildVariant(dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${relative(root, join(dir, names[1]!))}: a folder is where briefkit writes a file; nothing was changed`,
    );
    expect(r.err).not.toContain("untouched");
    expect(snapshot(dir)).toEqual(before);
    expect(readFileSync(join(dir, MANIFEST_NAME))).toEqual(manifest);
    expect(traces(dir)).toEqual([]);
  });

  // chattr +i makes a file that even root cannot rename over: a rename that fails midway, for real.
  const immutable = (() => {
    const probe = join(tmp, "immutable-probe");
    writeFileSync(probe, "");
    const ok = spawnSync("chattr", ["+i", probe]).status === 0;
    spawnSync("chattr", ["-i", probe]);
    return ok;
  })();
  it.skipIf(!immutable)(
    "a rename that fails after others succeeded is undone before the error: every file as it was",
    async () => {
      const dir = copyOldSet();
      const last = join(dir, names[2]!);
      const before = snapshot(dir);
      const manifest = readFileSync(join(dir, MANIFEST_NAME));
      spawnSync("chattr", ["+i", last]);
      try {
        const r = await buildVariant(dir);
        expect(r.code).toBe(1);
        expect(r.err).toMatch(/cannot write to .*: EPERM.*; nothing in it was changed/);
      } finally {
        spawnSync("chattr", ["-i", last]);
      }
      expect(snapshot(dir)).toEqual(before);
      expect(readFileSync(join(dir, MANIFEST_NAME))).toEqual(manifest);
      expect(traces(dir)).toEqual([]);
    },
  );

  it("finishes a commit a killed build left, says so, then writes its own set", async () => {
    const dir = copyOldSet();
    interruptedCommit(dir, files("new"), 4);
    writeFileSync(join(dir, "russia-japan-2005-full.pdf.tmp-12345"), "half a pdf");
    const r = await buildVariant(dir);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/was finished: its 3 files are in place/);
    // The interrupted set is whole (finished), then the build's own set is recorded.
    for (const f of files("new")) expect(readFileSync(join(dir, f.name))).toEqual(f.bytes);
    const manifest = readManifest(dir)!;
    expect(manifest.files.map((f) => f.name)).toEqual(names);
    expect(manifestMismatches(dir, manifest)).toEqual([]);
    expect(traces(dir)).toEqual([]);
  });

  it("diff --out heals the folder first, and keeps the manifest of the set it does not touch", async () => {
    const dir = copyOldSet();
    interruptedCommit(dir, files("new"), 5);
    const fixture = join(root, "packages/data/test/fixtures/editions/russia-japan-2006");
    const report = join(dir, "changes.md");
    const r = await briefkit("diff", "--from", "2005", "--to", fixture, "--out", report);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/was finished: its 3 files are in place/);
    expect(readFileSync(report, "utf8")).toMatch(/^# /);
    for (const f of files("new")) expect(readFileSync(join(dir, f.name))).toEqual(f.bytes);
    expect(readManifest(dir)).toEqual(manifestOf(files("new")));
    expect(traces(dir)).toEqual([]);
  });

  it("two builds at once into one folder leave one whole set, the manifest true to it", async () => {
    const dir = copyOldSet();
    const tsxLoader = ["--import", "tsx", "--conditions=@briefkit/source"];
    const bin = join(root, "packages/cli/src/bin.ts");
    const child = (template: string) =>
      new Promise<number | null>((done) => {
        const p = spawn(
          process.execPath,
          [...tsxLoader, bin, "build", "--template", template, "--format", "html", "--out", dir],
          { cwd: root, stdio: "ignore", env: { ...process.env, INIT_CWD: root } },
        );
        p.on("exit", (code) => done(code));
      });
    const codes = await Promise.all([child(variant), child(join(root, "templates/russia-japan"))]);
    expect(codes).toEqual([0, 0]);
    const manifest = readManifest(dir)!;
    expect(manifestMismatches(dir, manifest)).toEqual([]);
    expect(manifest.files.map((f) => f.name)).toEqual(names);
    expect(traces(dir)).toEqual([]);
  });
});

describe("edition new and new after a killed run", () => {
  const here = (cwd: string, ...argv: string[]) => runCli(cwd, argv);
  const hidden = (dir: string) => readdirSync(dir).filter((n) => n.startsWith("."));

  it("edition new removes the half copy a killed run left, and keeps a live run's", async () => {
    const repo = freshFolder();
    const topic = join(repo, "data", "russia-japan");
    mkdirSync(topic, { recursive: true });
    cpSync(join(root, "data/russia-japan/2005"), join(topic, "2005"), { recursive: true });
    const dead = `.2006.partial-${deadPid()}`;
    mkdirSync(join(topic, dead));
    writeFileSync(join(topic, dead, "dataset.yaml"), "edition: ");
    const live = `.2007.partial-${process.pid}`;
    mkdirSync(join(topic, live));
    const r = await here(repo, "edition", "new", "--topic", "russia-japan");
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`data/russia-japan: removed what killed runs left: ${dead}`);
    expect(hidden(topic)).toEqual([live]);
    expect(
      readdirSync(topic)
        .filter((n) => !n.startsWith("."))
        .sort(),
    ).toEqual(["2005", "2006"]);
  });

  it("new finishes a run killed between its two renames, and removes a half-written one", async () => {
    const repo = freshFolder();
    const first = await here(repo, "new", "arctic", "--edition", "2026", "--date", "2026-01-15");
    expect(first.code, first.err).toBe(0);
    const whole = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();
    const templateFiles = whole(join(repo, "templates/arctic"));
    // As a run killed after renaming data/arctic leaves it: the template still staged.
    const pid = deadPid();
    renameSync(join(repo, "templates/arctic"), join(repo, "templates", `.arctic.new-${pid}`));
    // And a run of another name killed while it wrote its data.
    mkdirSync(join(repo, "data", `.polar.new-${pid}`, "2026"), { recursive: true });
    const r = await here(repo, "new", "arctic");
    expect(r.err).toContain(
      "templates/arctic: a briefkit new interrupted between its two folders was finished",
    );
    expect(r.err).toContain(`data: removed what killed runs left: .polar.new-${pid}`);
    // Finished, the brief is there, so this run refuses to overwrite it.
    expect(r.code).toBe(1);
    expect(r.err).toContain("already exist");
    expect(whole(join(repo, "templates/arctic"))).toEqual(templateFiles);
    expect(hidden(join(repo, "data"))).toEqual([]);
    expect(hidden(join(repo, "templates"))).toEqual([]);
    const built = await here(repo, "validate", "--template", "templates/arctic");
    expect(built.code, built.err).toBe(0);
  });
});
