/**
 * A batch file (YAML), as users write it (zod 4): the jobs of
 * `briefkit batch FILE`. docs/reference/batch.md is generated from it.
 */
import { z } from "zod";
import { FORMATS } from "../writers.js";

const valueList = z.array(z.union([z.string().min(1), z.int()])).min(1);

const BatchJobEntry = z
  .strictObject({
    template: z
      .string()
      .min(1)
      .describe(
        "A template folder, relative to the batch file. @example templates/russia-japan-region",
      ),
    data: valueList
      .optional()
      .describe(
        "Dataset folders (relative to the batch file) or edition ids of the template's topic. Default: the newest edition. @example [2005]",
      ),
    audiences: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe("Audiences of the template. Default: every audience. @example [executive]"),
    languages: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        "Languages of the briefs (BCP 47 tags, as `build --language`): each brief in each, the file names ending `.<language>`. Default: each audience's own language. @example [en, ja, ru]",
      ),
    params: z
      .union([z.literal("all"), z.record(z.string(), valueList)])
      .optional()
      .describe(
        "For a template with params: all (every value of every parameter), or the values to build, by parameter name. @example { region: [Yakutia, Primorskiy Krai] }",
      ),
  })
  .describe("A set of jobs: every combination of its lists.");

export const BatchFile = z
  .strictObject({
    out: z
      .string()
      .min(1)
      .optional()
      .describe(
        "The output folder, relative to the batch file. --out wins. Default: out (in the working directory). @example out/regions",
      ),
    formats: z
      .array(z.enum(FORMATS))
      .min(1)
      .optional()
      .describe("The formats of every brief. --format wins. Default: pdf, docx, html."),
    jobs: z
      .array(BatchJobEntry)
      .min(1)
      .describe(
        "The jobs: each entry is every combination of its lists, one brief per combination.",
      ),
  })
  .describe("A briefkit batch file.");
export type BatchFile = z.infer<typeof BatchFile>;
