import { briefkitProject } from "../../vitest.project.js";

// Rendering and rasterizing real charts, and the one-off compile of the
// Vega-Lite schema (1–3 s, more on a loaded 2-core machine), outlast the
// 5 s default when test files run in parallel.
export default briefkitProject({ testTimeout: 60_000, hookTimeout: 60_000 });
