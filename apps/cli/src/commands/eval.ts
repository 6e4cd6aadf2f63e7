// `frontline eval [--check] [--json] [--write-floors]`: scores the enricher on the seeds gold, the UCDP sample, the
// dev set of ACLED-style notes and the holdout notes (labelled independently, never used for tuning). Scores go to stdout; --check gates them against apps/cli/eval/floors.json.
import { parseArgs } from "node:util";
import { enrichArticle } from "@frontline/enrich";
import { devHoldoutPath, evalDevSet, loadDevSet } from "../eval/dev-set.ts";
import { checkFloors, floorsPath, loadFloors, writeFloors } from "../eval/floors.ts";
import { type DatasetReport, renderDataset } from "../eval/report.ts";
import { evalSeeds, loadSeeds } from "../eval/seeds.ts";
import { evalUcdp, loadUcdpRows } from "../eval/ucdp.ts";

export function runAllDatasets(): DatasetReport[] {
  return [
    evalSeeds(loadSeeds(), enrichArticle),
    evalUcdp(loadUcdpRows(), enrichArticle),
    evalDevSet(loadDevSet(), enrichArticle, "dev"),
    evalDevSet(loadDevSet(devHoldoutPath), enrichArticle, "holdout"),
  ];
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
    process.stdout.write(`${reports.map(renderDataset).join("\n\n")}\n`);
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
