#!/usr/bin/env node
/**
 * The Typst peer of `pnpm bench` (run.ts), run as a process of its own: the
 * npm Typst compiler (@myriaddreamin/typst-ts-node-compiler), one compiler
 * for every brief, as a Node user of it would batch them.
 *
 *   node typst-peer.mjs TOOLS CONTENT OUT [--count N]      # CONTENT/bNNN/brief.typ -> OUT/bNNN.pdf
 *   node typst-peer.mjs TOOLS CONTENT OUT --loop N          # brief b000 N times; prints each time (ms) as JSON
 *
 * TOOLS is the folder whose node_modules holds the compiler (run.ts installs
 * it into a temporary folder, not into the repository's dependencies).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const [tools, content, out] = process.argv.slice(2, 5);
const flag = (name) => {
  const k = process.argv.indexOf(name);
  return k > 0 ? Number(process.argv[k + 1]) : undefined;
};
const count = flag("--count") ?? 1;
const loop = flag("--loop");

const { NodeCompiler } = createRequire(join(resolve(tools), "node_modules", "x.js"))(
  "@myriaddreamin/typst-ts-node-compiler",
);
mkdirSync(out, { recursive: true });
const compiler = NodeCompiler.create({ workspace: resolve(content) });

function pdfOf(id) {
  const doc = compiler.compile({ mainFilePath: resolve(content, id, "brief.typ") });
  if (!doc.result) {
    console.error(compiler.fetchDiagnostics(doc.takeDiagnostics()));
    process.exit(1);
  }
  return compiler.pdf(doc.result);
}

if (loop !== undefined) {
  // Variants in turn, so that the compiler's memo never serves a whole brief.
  const times = [];
  for (let i = 0; i < loop; i++) {
    const id = `b${String(i % count).padStart(3, "0")}`;
    const t0 = performance.now();
    writeFileSync(join(out, `${id}.pdf`), pdfOf(id));
    times.push(performance.now() - t0);
  }
  console.log(JSON.stringify({ ms: times }));
} else {
  for (let i = 0; i < count; i++) {
    const id = `b${String(i).padStart(3, "0")}`;
    writeFileSync(join(out, `${id}.pdf`), pdfOf(id));
  }
}
