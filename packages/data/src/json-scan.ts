/**
 * A JSON text's first fault, told as what it is, before momoa parses it.
 *
 * momoa reports the token it stumbled on ("Unexpected token RBrace"), which
 * is often not the fault: a file missing its last `]` stumbles at the end,
 * an unclosed string at the next line. This scan walks the tokens once
 * (RFC 8259 grammar, no recursion) with the stack of open arrays and
 * objects, so it knows what was expected where it stops: "the array opened
 * at 1:1 is never closed", "a comma after the last item", "missing comma
 * between two items". It also refuses nesting past `maxNestingDepth` at the
 * bracket that crosses it, which momoa (recursive) would meet with a stack
 * overflow. A text it passes is valid JSON, nested within the limit.
 */
import type { Position } from "./issues.js";
import { maxNestingDepth } from "./limits.js";
import { lineIndex } from "./text.js";

/** What is wrong, where, in words a person fixes it by. */
export type JsonFault =
  | {
      readonly kind: "syntax";
      readonly at: Position;
      readonly message: string;
      readonly hint?: string;
    }
  | { readonly kind: "depth"; readonly at: Position; readonly limit: number };

interface Open {
  readonly bracket: "[" | "{";
  /** Offset of the bracket. */
  readonly offset: number;
}

/** A run of what a person may have meant as one value: up to a delimiter. */
const wordRe = /[^\s,:[\]{}"]+/y;

/** What may follow a number or a literal: white space, a delimiter, a quote (an error told later). */
const delimiters = new Set([...' \t\r\n,:[]{}"'].map((c) => c.charCodeAt(0)));

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Length of the JSON number at `i` (RFC 8259 grammar), 0 when there is none. */
function numberLength(text: string, i: number): number {
  let k = i;
  if (text.charCodeAt(k) === 0x2d) k++;
  if (text.charCodeAt(k) === 0x30) k++;
  else if (isDigit(text.charCodeAt(k))) while (isDigit(text.charCodeAt(k))) k++;
  else return 0;
  if (text.charCodeAt(k) === 0x2e) {
    if (!isDigit(text.charCodeAt(k + 1))) return 0;
    k++;
    while (isDigit(text.charCodeAt(k))) k++;
  }
  const e = text.charCodeAt(k);
  if (e === 0x65 || e === 0x45) {
    let j = k + 1;
    const sign = text.charCodeAt(j);
    if (sign === 0x2b || sign === 0x2d) j++;
    if (!isDigit(text.charCodeAt(j))) return 0;
    while (isDigit(text.charCodeAt(j))) j++;
    k = j;
  }
  return k - i;
}

const what = (o: Open) => (o.bracket === "[" ? "array" : "object");
const closer = (o: Open) => (o.bracket === "[" ? "]" : "}");

/** Why a word is not a JSON value, and how to write what was meant. */
function badWord(word: string): { message: string; hint: string } {
  if (/^(?:true|false|null)$/i.test(word)) {
    return {
      message: `${word} is not a JSON value`,
      hint: `write ${word.toLowerCase()} in lower case`,
    };
  }
  if (/^[-+]?(?:NaN|Infinity|inf)$/i.test(word)) {
    return {
      message: `${word} is not a JSON number`,
      hint: "JSON has no NaN or Infinity; write null for a missing value",
    };
  }
  if (/^[-+]?[0-9.]/.test(word)) {
    return {
      message: `${word} is not a JSON number`,
      hint: "write numbers like 12, -0.5 or 1.2e3: no leading + or zeros, digits on both sides of the point",
    };
  }
  if (word.startsWith("'")) {
    return {
      message: "a string in single quotes",
      hint: 'JSON strings are written in double quotes: "text"',
    };
  }
  if (word.startsWith("//") || word.startsWith("/*")) {
    return { message: "a comment", hint: "JSON has no comments; remove it" };
  }
  return {
    message: `${word.length > 40 ? `${word.slice(0, 37)}...` : word} is not a JSON value`,
    hint: 'write text in double quotes: "text"',
  };
}

/** The first fault of a JSON text, or undefined when it is valid JSON within the nesting limit. */
export function findJsonFault(text: string): JsonFault | undefined {
  const n = text.length;
  let i = 0;
  // Lines are counted only for a fault: the scan itself tracks offsets.
  const posAt = (offset: number): Position => lineIndex(text)(offset);
  const show = (offset: number) => {
    const p = posAt(offset);
    return `${p.line}:${p.column}`;
  };
  const stack: Open[] = [];
  // What may come next: a value, a key (or `}` right after `{`), `:`, or `,`/a closer.
  let expect: "value" | "first-value" | "key" | "first-key" | "colon" | "after" = "first-value";
  let lastKey = "";
  // Just past the last token, for a fault at the end of the file.
  let end = 0;
  let lastComma: number | undefined;
  const syntax = (at: Position, message: string, hint?: string): JsonFault =>
    hint === undefined ? { kind: "syntax", at, message } : { kind: "syntax", at, message, hint };

  for (;;) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) break;
      i++;
    }
    if (i >= n) break;
    const start = i;
    const ch = text[i]!;

    if (expect === "colon") {
      if (ch !== ":") {
        return syntax(posAt(start), `missing : after the key ${lastKey}`, 'write "key": value');
      }
      i++;
      end = i;
      expect = "value";
      continue;
    }

    if (expect === "after") {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        return syntax(
          posAt(start),
          "more text after the end of the JSON value",
          "a JSON table is one array: [{...}, {...}]",
        );
      }
      if (ch === ",") {
        lastComma = start;
        i++;
        end = i;
        expect = top.bracket === "[" ? "value" : "key";
        continue;
      }
      if (ch === "]" || ch === "}") {
        if (ch !== closer(top)) {
          return syntax(
            posAt(start),
            `${ch} does not close the ${what(top)} opened at ${show(top.offset)}`,
            `close the ${what(top)} with ${closer(top)} first`,
          );
        }
        stack.pop();
        i++;
        end = i;
        expect = "after";
        continue;
      }
      if (ch === ":") {
        return syntax(posAt(start), "a : where a , or the end of the object was expected");
      }
      return syntax(
        posAt(start),
        `missing comma before this ${top.bracket === "[" ? "item" : "key"}`,
        `separate the ${top.bracket === "[" ? "items of an array" : "members of an object"} with commas`,
      );
    }

    // A closer where a value or key was expected: `[]`, `{}`, or a trailing comma.
    if (ch === "]" || ch === "}") {
      const top = stack[stack.length - 1];
      const empty =
        (expect === "first-value" && top?.bracket === "[") ||
        (expect === "first-key" && top?.bracket === "{");
      if (top !== undefined && empty && ch === closer(top)) {
        stack.pop();
        i++;
        end = i;
        expect = "after";
        continue;
      }
      if (top !== undefined && ch === closer(top) && lastComma !== undefined) {
        return syntax(
          posAt(lastComma),
          "a comma after the last item",
          "JSON allows no trailing comma after the last item; remove it",
        );
      }
      if (top !== undefined && expect === "value" && top.bracket === "{") {
        return syntax(posAt(start), `missing value after the key ${lastKey}`);
      }
      return syntax(
        posAt(start),
        top === undefined
          ? `${ch} closes nothing`
          : `${ch} does not close the ${what(top)} opened at ${show(top.offset)}`,
      );
    }

    if (expect === "key" || expect === "first-key") {
      if (ch !== '"') {
        if (ch === ",") return syntax(posAt(start), "two commas in a row", "remove one");
        wordRe.lastIndex = i;
        const word = wordRe.exec(text)?.[0] ?? ch;
        return syntax(
          posAt(start),
          `an object key must be text in double quotes; found ${word.length > 40 ? `${word.slice(0, 37)}...` : word}`,
          `write "${word.replace(/^'|'$/g, "")}"`,
        );
      }
    }

    if (ch === "[" || ch === "{") {
      if (stack.length >= maxNestingDepth) {
        return { kind: "depth", at: posAt(start), limit: maxNestingDepth };
      }
      stack.push({ bracket: ch, offset: start });
      i++;
      end = i;
      expect = ch === "[" ? "first-value" : "first-key";
      lastComma = undefined;
      continue;
    }
    if (ch === '"') {
      // A string: no line break, no control character, only JSON's escapes.
      let k = i + 1;
      for (; k < n; k++) {
        const c = text.charCodeAt(k);
        if (c === 0x22) break;
        if (c === 0x5c) {
          const next = text[k + 1] ?? "";
          const good =
            (next !== "" && '"\\/bfnrt'.includes(next)) ||
            (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(k + 2, k + 6)));
          if (!good) {
            return syntax(
              posAt(k),
              `\\${next} is not a JSON escape`,
              'escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\u followed by four hex digits',
            );
          }
          k++;
        } else if (c === 0x0a || c === 0x0d) {
          return syntax(
            posAt(start),
            "the string opened here is not closed on its line",
            'close it with "; a line break inside a string is written \\n',
          );
        } else if (c < 0x20) {
          return syntax(
            posAt(k),
            "a control character (such as a tab) inside a string",
            "write a tab as \\t",
          );
        }
      }
      if (k >= n)
        return syntax(posAt(start), "the string opened here is never closed", 'close it with "');
      i = k + 1;
      end = i;
      if (expect === "key" || expect === "first-key") {
        lastKey = text.slice(start, i);
        expect = "colon";
      } else expect = "after";
      lastComma = undefined;
      continue;
    }
    if (ch === ",") {
      return syntax(
        posAt(start),
        expect === "value" && stack[stack.length - 1]?.bracket === "{"
          ? `missing value after the key ${lastKey}`
          : lastComma !== undefined
            ? "two commas in a row"
            : "a comma where a value was expected",
      );
    }
    if (ch === ":") return syntax(posAt(start), "a : where a value was expected");
    const length =
      ch === "t" && text.startsWith("true", i)
        ? 4
        : ch === "f" && text.startsWith("false", i)
          ? 5
          : ch === "n" && text.startsWith("null", i)
            ? 4
            : numberLength(text, i);
    if (length > 0 && (i + length >= n || delimiters.has(text.charCodeAt(i + length)))) {
      i += length;
    } else {
      wordRe.lastIndex = i;
      const bad = badWord(wordRe.exec(text)?.[0] ?? ch);
      return syntax(posAt(start), bad.message, bad.hint);
    }
    end = i;
    expect = "after";
    lastComma = undefined;
  }

  const top = stack[stack.length - 1];
  if (top !== undefined) {
    return syntax(
      posAt(end),
      `the ${what(top)} opened at ${show(top.offset)} is never closed`,
      `end it with ${closer(top)}`,
    );
  }
  if (expect === "first-value") {
    return syntax(
      posAt(end),
      "the file holds no JSON value",
      "a JSON table is an array: [{...}, {...}]",
    );
  }
  return undefined;
}
