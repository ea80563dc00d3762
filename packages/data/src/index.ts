/** @briefkit/data — typed data core (being built under issue #2). */
export const packageName = "@briefkit/data";
