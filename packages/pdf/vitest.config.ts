import { briefkitProject } from "../../vitest.project.js";

// Writing a PDF takes a few hundred ms, more while other suites run in parallel.
export default briefkitProject({ testTimeout: 60_000, hookTimeout: 60_000 });
