/**
 * zod issues told as sentences at the key to fix: a failed union by the
 * branch that was meant, an unknown key with the nearest allowed key.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { explainSchemaIssues } from "../src/index.js";

const seriesRef = z.strictObject({
  table: z.string(),
  measure: z.union([z.string(), z.array(z.string())]),
  where: z.record(z.string(), z.string()).optional(),
  period: z.union([z.int(), z.string()]).optional(),
});
const factRef = z.strictObject({ fact: z.string(), pick: z.enum(["low", "high"]).optional() });
const schema = z.strictObject({
  items: z.array(z.strictObject({ id: z.string(), input: z.union([seriesRef, factRef]) })),
  kind: z.discriminatedUnion("type", [
    z.strictObject({ type: z.literal("line"), x: z.string() }),
    z.strictObject({ type: z.literal("bar"), y: z.string() }),
  ]),
});

function explain(data: unknown) {
  const r = schema.safeParse(data);
  if (r.success) throw new Error("expected a failure");
  return explainSchemaIssues(schema, data, r.error.issues).map((p) => ({
    at: `${p.path.join("/")}@${p.part}`,
    message: p.message,
    hint: p.hint,
  }));
}

describe("explainSchemaIssues", () => {
  it("a misspelt key in a union branch: one sentence at the key, with the nearest key", () => {
    expect(
      explain({
        items: [{ id: "a", input: { table: "trade", measures: "total" } }],
        kind: { type: "line", x: "year" },
      }),
    ).toEqual([
      {
        at: "items/0/input/measures@key",
        message:
          'items[0].input: a table reference needs table and measure (optional: where, period); found unknown key "measures"',
        hint: 'did you mean "measure"?',
      },
    ]);
  });

  it("a missing key in the branch meant: at the mapping, naming what is missing", () => {
    expect(
      explain({
        items: [{ id: "a", input: { fact: 3, pick: "low" } }],
        kind: { type: "bar", y: "v" },
      }),
    ).toEqual([
      {
        at: "items/0/input/fact@value",
        message: "items[0].input.fact: expected string, found 3",
        hint: 'quote it: items[0].input.fact: "3"',
      },
    ]);
    expect(
      explain({ items: [{ id: "a", input: { pick: "low" } }], kind: { type: "bar", y: "v" } }),
    ).toEqual([
      {
        at: "items/0/input@key",
        message: "items[0].input: a fact reference needs fact (optional: pick); fact is missing",
        hint: undefined,
      },
    ]);
  });

  it("a problem deeper in the branch keeps its own place", () => {
    expect(
      explain({
        items: [{ id: "a", input: { fact: "f", pick: "hihg" } }],
        kind: { type: "bar", y: "v" },
      }),
    ).toEqual([
      {
        at: "items/0/input/pick@value",
        message: 'items[0].input.pick: expected one of "low", "high", found "hihg"',
        hint: 'did you mean "high"?',
      },
    ]);
  });

  it("a scalar where only mappings fit: what was expected", () => {
    expect(
      explain({ items: [{ id: "a", input: "trade" }], kind: { type: "bar", y: "v" } }),
    ).toEqual([
      {
        at: "items/0/input@value",
        message:
          'items[0].input: expected a mapping with table, measure or a mapping with fact, found "trade"',
        hint: undefined,
      },
    ]);
  });

  it("a mapping key that breaks its rule: at the key, with the rule", () => {
    const ids = z.record(z.string().regex(/^[a-z]+$/, "must be lower-case letters"), z.int());
    const data = { good: 1, Bad: 2 };
    const r = ids.safeParse(data);
    expect(r.success).toBe(false);
    expect(explainSchemaIssues(ids, data, r.error?.issues ?? [])).toEqual([
      {
        path: ["Bad"],
        part: "key",
        kind: "invalid_key",
        message: 'key "Bad": must be lower-case letters',
      },
    ]);
  });

  it("an unknown key outside unions, and a discriminator that matches no form", () => {
    expect(explain({ items: [], kind: { type: "lines", x: "year" }, itemz: 1 })).toEqual([
      {
        at: "kind/type@value",
        message: 'kind.type: expected one of "line", "bar", found "lines"',
        hint: 'did you mean "line"?',
      },
      { at: "itemz@key", message: 'unknown key "itemz"', hint: 'did you mean "items"?' },
    ]);
  });
});
