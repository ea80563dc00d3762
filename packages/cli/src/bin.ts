#!/usr/bin/env node
/**
 * Process entry of `briefkit` run from the sources or dist/ (the bundle's is
 * launch/bin.ts): tunes V8 for a short run, then wires the real streams to
 * `run` and exits.
 */
import { start, tuneV8 } from "./start.js";

// Before anything else is loaded: the interrupt budget applies to functions
// created after it, and the WebAssembly setting to modules compiled after it.
tuneV8();
const { run } = await import("./program.js");
await start(run);
