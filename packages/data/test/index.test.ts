/** Pins the public door of @briefkit/data: adding or removing an export is a deliberate change. */
import { expect, test } from "vitest";
import * as api from "../src/index.js";

test("exposes the public api", () => {
  expect(Object.keys(api).sort()).toEqual([
    "DataAccessError",
    "comparePeriods",
    "datasetJsonSchema",
    "datasetManifestSchema",
    "diffDatasets",
    "explainSchemaIssues",
    "fileJsonSchema",
    "formatIssue",
    "issueCodes",
    "listEditions",
    "loadDataset",
    "nearestName",
    "parsePeriod",
    "parseYaml",
    "validateYaml",
  ]);
});
