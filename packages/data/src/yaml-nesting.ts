/**
 * How deep a YAML text nests, estimated from `yaml`'s lexer before its
 * parser runs. The lexer is flat; the parser is not: closing many block or
 * flow collections at once (a dedent after 2,000 levels, 3,000 unclosed
 * `[` before a `-`) recurses once per level and overflows the stack. So
 * the depth is bounded on the tokens first, in one linear pass.
 *
 * The estimate follows the block structure by the columns of its
 * indicators (`-`, `?`, and `:` at its key's column), a list under a key
 * at the key's own column counting one more, plus the flow brackets open.
 * It never counts less than the parser's depth; in plain files it counts
 * exactly, and positioned-yaml's exact count on the syntax tree decides
 * anything it lets through.
 */
import { Lexer } from "yaml";

/** Control tokens of `yaml`'s lexer: they stand for no source text. */
const SCALAR = "\u001f";
const DOCUMENT = "\u0002";
const FLOW_END = "\u0018";

export interface NestingScan {
  /** The lexer's tokens, for the parser (lexed once). */
  readonly tokens: readonly string[];
  /** Offset where the estimated depth first passes `limit`, if it does. */
  readonly tooDeep: number | undefined;
  /** Offset where the estimated depth is greatest (a place for any late depth problem). */
  readonly deepest: number;
}

export function scanYamlNesting(source: string, limit: number): NestingScan {
  const tokens = [...new Lexer().lex(source)];
  // Open block collections: the column each starts at, and whether a list shares a key's column.
  const columns: number[] = [];
  const counts: number[] = [];
  const kinds: ("map" | "seq")[] = [];
  let block = 0;
  let flow = 0;
  let offset = 0;
  let lineStart = 0;
  // Where the current line's key (the text before a `:`) starts.
  let keyStart: number | undefined;
  let scalarNext = false;
  let deepest = 0;
  let deepestAt = 0;
  const deeper = (at: number): boolean => {
    if (block + flow > deepest) {
      deepest = block + flow;
      deepestAt = at;
    }
    return block + flow > limit;
  };
  const indicator = (at: number, kind: "map" | "seq"): boolean => {
    const column = at - lineStart;
    while (columns.length > 0 && columns[columns.length - 1]! > column) {
      block -= counts.pop()!;
      columns.pop();
      kinds.pop();
    }
    const top = columns.length - 1;
    if (top >= 0 && columns[top] === column) {
      if (kind === "seq" && kinds[top] === "map" && counts[top] === 1) {
        counts[top] = 2;
        block++;
      }
    } else {
      columns.push(column);
      counts.push(1);
      kinds.push(kind);
      block++;
    }
    return deeper(at);
  };
  const result = (tooDeep: number | undefined): NestingScan => ({
    tokens,
    tooDeep,
    deepest: deepestAt,
  });
  for (const token of tokens) {
    const at = offset;
    if (scalarNext) {
      scalarNext = false;
      keyStart ??= at;
    } else if (token === SCALAR) {
      scalarNext = true;
      continue;
    } else if (token === DOCUMENT) continue;
    else if (token === FLOW_END) {
      flow = 0;
      continue;
    } else if (token === "" || token === "\n" || token === "\r\n") {
      keyStart = undefined;
    } else if (token === "---" && at === lineStart) {
      columns.length = 0;
      counts.length = 0;
      kinds.length = 0;
      block = 0;
      flow = 0;
    } else if (token === "[" || token === "{") {
      keyStart ??= at;
      flow++;
      if (deeper(at)) return result(at);
    } else if (token === "]" || token === "}") {
      flow = Math.max(0, flow - 1);
    } else if (flow === 0 && (token === "-" || token === "?")) {
      if (indicator(at, token === "-" ? "seq" : "map")) return result(at);
      keyStart = undefined;
    } else if (flow === 0 && token === ":") {
      const key = keyStart ?? at;
      if (indicator(key, "map")) return result(key);
      keyStart = undefined;
    } else if (token[0] !== " " && token[0] !== "\t" && token[0] !== "#") {
      keyStart ??= at;
    }
    offset += token.length;
    const newline = token.lastIndexOf("\n");
    if (newline !== -1) lineStart = at + newline + 1;
  }
  return result(undefined);
}
