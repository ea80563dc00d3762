import { readFileSync, writeFileSync } from "node:fs";
import { houseTheme, validateDocument } from "@briefkit/document";
import { toDocDefinition, writePdf } from "@briefkit/pdf";

const dir = "/work/main/packages/document/test/fixtures";
for (const name of ["kitchen-sink", "long-table", "unicode"]) {
  const doc = validateDocument(JSON.parse(readFileSync(`${dir}/${name}.json`, "utf8"))).document!;
  const ctx = {
    now: new Date("2005-09-08T00:00:00Z"),
    log: (w: unknown) => console.log(name, JSON.stringify(w)),
  };
  const t0 = performance.now();
  const bytes = await writePdf(doc, { theme: houseTheme() }, ctx);
  console.log(name, bytes.length, (performance.now() - t0).toFixed(0), "ms");
  writeFileSync(`/tmp/briefkit-pdf/${name}.pdf`, bytes);
  writeFileSync(
    `/tmp/briefkit-pdf/${name}.json`,
    JSON.stringify(
      toDocDefinition(doc, { theme: houseTheme() }, { ...ctx, log: () => {} }),
      null,
      1,
    ),
  );
}
