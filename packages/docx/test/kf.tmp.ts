import { writeFileSync } from "node:fs";
import { buildDocument, list, heading, keyFigures, num, inlines, para } from "@briefkit/document";
import { writeDocx } from "../src/index.js";
import { context, fixture, options } from "./helpers.js";
const items = ["US$8.8 billion", "49%", "US$3–4 billion", "US$2–3 billion", "US$1,352 million", "2.1 million barrels a day"].map((t, i) => ({ value: num(i, t, {}), label: inlines(`Label number ${i} with some words`) }));
const filler = Array.from({ length: 7 }, () => para("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation."));
const doc = buildDocument(fixture("kitchen-sink").meta, [heading(1, "Filler"), ...filler, list(false, [[para("one item of the list with words")], [para("two")]]), keyFigures(items, "Key figures"), para("After the box.")]);
writeFileSync("/tmp/briefkit-docx/kf.docx", await writeDocx(doc, options, context()));
