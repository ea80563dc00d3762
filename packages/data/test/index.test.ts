/** Pins the public door of @briefkit/data: adding or removing an export is a deliberate change. */
import { expect, test } from "vitest";
import * as api from "../src/index.js";

test("exposes the public api", () => {
  expect(Object.keys(api).sort()).toEqual([
    "DataAccessError",
    "closest",
    "comparePeriods",
    "datasetManifestSchema",
    "diffDatasets",
    "formatIssue",
    "issueCodes",
    "listEditions",
    "loadDataset",
    "locateInYaml",
    "parsePeriod",
  ]);
});
