/**
 * How many threads a batch runs on (src/batch/pool.ts): the cores, the jobs,
 * --jobs, and the memory bound (--max-memory, or the container's).
 */
import { describe, expect, it } from "vitest";
import {
  defaultMemoryBoundMb,
  MAIN_MEMORY_MB,
  THREAD_MEMORY_MB,
  threadCount,
} from "../src/batch/pool.js";

describe("threadCount", () => {
  it("one per core, never more than the jobs", () => {
    expect(threadCount(50, {}, 2)).toBe(2);
    expect(threadCount(50, {}, 16)).toBe(16);
    expect(threadCount(3, {}, 16)).toBe(3);
  });

  it("--jobs over the cores, still no more than the jobs", () => {
    expect(threadCount(50, { jobs: 1 }, 8)).toBe(1);
    expect(threadCount(50, { jobs: 6 }, 2)).toBe(6);
    expect(threadCount(4, { jobs: 6 }, 2)).toBe(4);
  });

  it("under a memory bound, as many threads as fit beside the main thread", () => {
    // 400 MB: 150 for the main thread leaves room for one thread of 200.
    expect(threadCount(50, { maxMemoryMb: 400 }, 2)).toBe(1);
    expect(threadCount(50, { maxMemoryMb: MAIN_MEMORY_MB + 2 * THREAD_MEMORY_MB }, 2)).toBe(2);
    expect(threadCount(50, { maxMemoryMb: MAIN_MEMORY_MB + 2 * THREAD_MEMORY_MB - 1 }, 2)).toBe(1);
    expect(threadCount(50, { maxMemoryMb: 1536 }, 16)).toBe(6);
    // The cores and --jobs still cap a generous bound.
    expect(threadCount(50, { maxMemoryMb: 1536 }, 2)).toBe(2);
    expect(threadCount(50, { jobs: 3, maxMemoryMb: 100_000 }, 16)).toBe(3);
  });

  it("a bound too small for one thread still runs one", () => {
    expect(threadCount(50, { maxMemoryMb: 256 }, 4)).toBe(1);
  });
});

describe("defaultMemoryBoundMb", () => {
  const GB = 2 ** 30;
  it("a container's limit, in MB", () => {
    expect(defaultMemoryBoundMb(1536 * 2 ** 20, 64 * GB)).toBe(1536);
    expect(defaultMemoryBoundMb(1.5 * GB + 123, 64 * GB)).toBe(1536);
  });
  it("no bound when Node reports none: 0, undefined, or past the machine's memory", () => {
    expect(defaultMemoryBoundMb(0, 64 * GB)).toBeUndefined();
    expect(defaultMemoryBoundMb(undefined, 64 * GB)).toBeUndefined();
    // cgroup v2's "max", as Node 20 reports it.
    expect(defaultMemoryBoundMb(18446744073709552000, 24 * GB)).toBeUndefined();
    expect(defaultMemoryBoundMb(24 * GB, 24 * GB)).toBeUndefined();
  });
});
