/**
 * The dependency graph of a list of definitions: which indicator uses which
 * (`{ indicator: id }` inputs), the problems of ids and references (a
 * repeated id, an unknown indicator, a cycle), and an order in which every
 * indicator comes after the ones it uses.
 */
import { inputsOf } from "./function-table.js";
import type { DefinitionProblem } from "./issues.js";
import type { DefinitionPath } from "./load.js";
import { hintText, issueText } from "./messages.js";
import type { IndicatorDefinition } from "./schema.js";

/** What {@link dependencyGraph} needs besides the definitions. */
export interface GraphOptions {
  /** Ids of definitions the loader rejected: using one is not an unknown indicator. */
  rejected: ReadonlySet<string>;
  /** Line of the i-th definition's id, to name the first of a repeated id. */
  idLine: (index: number) => number;
}

/** A problem found in the graph, with the index of the definition it belongs to. */
export interface GraphProblem {
  index: number;
  problem: DefinitionProblem;
}

export interface DependencyGraph {
  /** The index of the definition an id names (the first, when an id is repeated). */
  indexById: ReadonlyMap<string, number>;
  /** Definitions that are not evaluated: a repeated id, an unknown indicator, a cycle's members. */
  invalid: ReadonlySet<number>;
  /** Per definition, the ids it uses directly, in the order it writes them. */
  dependsOn: readonly (readonly string[])[];
  /** Every index once, each after those of the indicators it uses (outside cycles). */
  order: readonly number[];
  /** In the order found: ids, then references, then cycles. */
  problems: readonly GraphProblem[];
}

/** A use of another definition: its index and the path of the reference. */
interface Edge {
  to: number;
  path: DefinitionPath;
}

export function dependencyGraph(
  definitions: readonly IndicatorDefinition[],
  options: GraphOptions,
): DependencyGraph {
  const problems: GraphProblem[] = [];
  const { indexById, invalid } = indexIds(definitions, options.idLine, problems);
  const dependsOn: string[][] = definitions.map(() => []);
  const edges: Edge[][] = definitions.map((def, i) => {
    if (invalid.has(i)) return [];
    const out: Edge[] = [];
    for (const { ref, path } of inputsOf(def)) {
      if (!("indicator" in ref)) continue;
      const id = ref.indicator;
      if (!dependsOn[i]?.includes(id)) dependsOn[i]?.push(id);
      const j = indexById.get(id);
      const at = [...path, "indicator"];
      if (j !== undefined) out.push({ to: j, path: at });
      else if (!options.rejected.has(id)) {
        problems.push({
          index: i,
          problem: {
            path: at,
            code: "unknown-indicator",
            message: issueText.unknownIndicator(def.id, id),
          },
        });
        invalid.add(i);
      }
    }
    return out;
  });
  const order = orderAndCycles(definitions, edges, invalid, problems);
  return { indexById, invalid, dependsOn, order, problems };
}

/** The index of each id; a repeated id is a problem and its definition invalid. */
function indexIds(
  definitions: readonly IndicatorDefinition[],
  idLine: (index: number) => number,
  problems: GraphProblem[],
): { indexById: Map<string, number>; invalid: Set<number> } {
  const indexById = new Map<string, number>();
  const invalid = new Set<number>();
  definitions.forEach((def, i) => {
    const first = indexById.get(def.id);
    if (first === undefined) {
      indexById.set(def.id, i);
      return;
    }
    problems.push({
      index: i,
      problem: {
        path: ["id"],
        code: "duplicate-id",
        message: issueText.duplicateId(def.id, idLine(first)),
      },
    });
    invalid.add(i);
  });
  return { indexById, invalid };
}

/**
 * Depth-first search from each definition in turn: a node finished is put in
 * the order after everything it reaches; a grey node reached again closes a
 * cycle, reported once and making its members invalid.
 */
function orderAndCycles(
  definitions: readonly IndicatorDefinition[],
  edges: readonly (readonly Edge[])[],
  invalid: Set<number>,
  problems: GraphProblem[],
): number[] {
  const colour = new Map<number, "grey" | "black">();
  const stack: number[] = [];
  const reported = new Set<string>();
  const order: number[] = [];
  const visit = (i: number) => {
    colour.set(i, "grey");
    stack.push(i);
    for (const { to, path } of edges[i] ?? []) {
      const c = colour.get(to);
      if (c === "grey") {
        const members = stack.slice(stack.indexOf(to));
        const key = [...members].sort((a, b) => a - b).join(",");
        if (!reported.has(key)) {
          reported.add(key);
          const names = [...members, to].map((k) => definitions[k]?.id ?? "?");
          // Report where the cycle starts in the file: the first member's
          // reference to the next one.
          const head = members[0] as number;
          const next = members[1] ?? to;
          const edge = edges[head]?.find((e) => e.to === next);
          problems.push({
            index: head,
            problem: {
              path: edge?.path ?? path,
              code: "cycle",
              message: issueText.cycle(names),
              hint: hintText.cycle(),
            },
          });
        }
        for (const m of members) invalid.add(m);
      } else if (c === undefined) visit(to);
    }
    stack.pop();
    colour.set(i, "black");
    order.push(i);
  };
  definitions.forEach((_, i) => {
    if (!colour.has(i)) visit(i);
  });
  return order;
}
