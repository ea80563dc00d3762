#!/usr/bin/env node
/** Process entry of the bundle (dist/bundle/briefkit.js, the installed `briefkit`): see bin.ts. */
import { start, tuneV8 } from "../start.js";
import { loadCore } from "./load.js";

// Before the script is compiled: its code cache was made under these flags.
tuneV8();
const { run } = await loadCore().core.program();
await start(run);
