import { briefkitProject } from "../../vitest.project.js";

// End-to-end builds and real readers (LibreOffice, Chromium) take seconds, not milliseconds.
export default briefkitProject({ testTimeout: 120_000, hookTimeout: 300_000 });
