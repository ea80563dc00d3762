/**
 * compose's own draft: the document model's draft blocks, and what compose
 * places while it walks a section and finishes after the walk. The model
 * never sees these: `resolveDraft` turns each into model blocks.
 */
import type { DraftBlock } from "@briefkit/document";
import type { Declared } from "./template.js";
import type { ChartDef } from "./template-schema.js";

/**
 * A chart a `::figure` placed. Rendering is asynchronous and the walk is
 * not, so the chart waits here and is rendered after the walk, in document
 * order.
 */
export interface PendingFigure {
  type: "pending-figure";
  chart: Declared<ChartDef>;
}

export type ComposeBlock = DraftBlock | PendingFigure;

/** What a block is called in a message: a pending figure is the figure it becomes. */
export function blockKind(block: ComposeBlock): string {
  return block.type === "pending-figure" ? "figure" : block.type;
}

/** The draft with every pending figure rendered (a figure, or nothing when it failed). */
export async function resolveDraft(
  blocks: readonly ComposeBlock[],
  renderChart: (chart: Declared<ChartDef>) => Promise<DraftBlock[]>,
): Promise<DraftBlock[]> {
  const out: DraftBlock[] = [];
  for (const block of blocks) {
    if (block.type === "pending-figure") out.push(...(await renderChart(block.chart)));
    else out.push(block);
  }
  return out;
}
