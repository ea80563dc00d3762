import { briefkitProject } from "../../vitest.project.js";

// Composing every audience with its charts drawn takes seconds on a loaded machine.
export default briefkitProject({ testTimeout: 60_000, hookTimeout: 60_000 });
