import { briefkitProject } from "../../vitest.project.js";

export default briefkitProject();
