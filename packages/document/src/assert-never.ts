/**
 * Closes an exhaustive switch over a union: its argument is `never` once
 * every case is handled, so a new member of the union (a node type, a
 * warning code) is a compile error at every switch that lacks it.
 */
export function assertNever(x: never): never {
  throw new Error(`unhandled node: ${JSON.stringify(x)}`);
}
