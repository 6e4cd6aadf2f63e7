// `frontline eval [--check] [--json] [--write-floors]`: scores the enricher, real text first (issue #13): the UCDP
// headlines and the paraphrased real reports, each split into a test part (gated by --check) and a dev part (for
// tuning); then the seeds gold (our labels on real articles); then the notes we wrote ourselves (dev and holdout).
// Scores go to stdout; --check gates them against apps/cli/eval/floors.json; --write-floors rewrites that file.
import { parseArgs } from "node:util";
import { enrichArticle } from "@frontline/enrich";
import { devHoldoutPath, evalDevSet, loadDevSet } from "../eval/dev-set.ts";
import { checkFloors, floorsPath, loadFloors, writeFloors } from "../eval/floors.ts";
import { evalRealReportsParts, loadRealReports } from "../eval/real-reports.ts";
import { type DatasetReport, orderDatasets, renderDataset, renderSummary } from "../eval/report.ts";
import { evalSeeds, loadSeeds } from "../eval/seeds.ts";
import { evalUcdp, loadUcdpRows, splitUcdpRows, ucdpSplitRule } from "../eval/ucdp.ts";

/** Every dataset, in print order: real-text test, real-text dev, seeds, self-written dev, self-written holdout. */
export function runAllDatasets(): DatasetReport[] {
  const ucdp = splitUcdpRows(loadUcdpRows());
  const splitRule = ucdpSplitRule(ucdp);
  return orderDatasets([
    evalUcdp(ucdp.test, enrichArticle, "test", splitRule),
    evalUcdp(ucdp.dev, enrichArticle, "dev", splitRule),
    ...evalRealReportsParts(loadRealReports(), enrichArticle),
    evalSeeds(loadSeeds(), enrichArticle),
    evalDevSet(loadDevSet(), enrichArticle, "ours-dev"),
    evalDevSet(loadDevSet(devHoldoutPath), enrichArticle, "ours-holdout"),
  ]);
}

export async function runEval(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      check: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      "write-floors": { type: "boolean", default: false },
    },
  });
  const reports = runAllDatasets();
  const check = values.check ? checkFloors(reports, loadFloors()) : undefined;

  if (values.json) {
    const output = { datasets: reports, ...(check ? { check: { passed: check.length === 0, failures: check } } : {}) };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    process.stdout.write(`${[renderSummary(reports), ...reports.map(renderDataset)].join("\n\n")}\n`);
    if (check) {
      process.stdout.write(
        check.length === 0
          ? `\ncheck: PASS (every field at or above its floor in ${floorsPath})\n`
          : `\ncheck: FAIL\n${check.map((line) => `  - ${line}`).join("\n")}\n`,
      );
    }
  }
  if (values["write-floors"]) {
    writeFloors(reports);
    if (!values.json) process.stdout.write(`\nfloors written to ${floorsPath}\n`);
  }
  return check && check.length > 0 ? 1 : 0;
}
