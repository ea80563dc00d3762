/**
 * Helper process for determinism.test.ts: renders the chart given on stdin
 * and prints the SVG's hash and its axis labels. Run under different TZ values.
 */
import { readFileSync } from "node:fs";
import { renderChart } from "../src/index.js";
import { sha256, texts } from "./svg-helpers.js";

const input = JSON.parse(readFileSync(0, "utf8"));
const chart = await renderChart(input);
console.log(`${sha256(chart.svg)} ${texts(chart.svg).join("|")}`);
