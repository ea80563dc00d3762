import { briefkitProject } from "../../vitest.project.js";

// A cold first write parses and deflates ~2 MB of fonts and lays pages out;
// LibreOffice conversions take seconds each on a shared machine.
export default briefkitProject({ testTimeout: 60_000, hookTimeout: 240_000 });
