/** @briefkit/cli — the briefkit command line (being built under issue #2). */
export const packageName = "@briefkit/cli";
