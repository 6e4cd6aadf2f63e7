// `eval --check`: recorded minimum F1 per dataset and field (apps/cli/eval/floors.json), plus "seeds pass in full".
// The enricher is deterministic, so a score below its floor is a regression, never noise.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { cliEvalDir } from "./paths.ts";
import { type DatasetReport, isSeedsReport } from "./report.ts";

export const floorsPath = resolve(cliEvalDir, "floors.json");

export const Floors = z.object({
  note: z.string(),
  seedsMustPass: z.boolean(),
  /** dataset → field → minimum F1 (0..1). */
  minF1: z.record(z.string(), z.record(z.string(), z.number().min(0).max(1))),
});
export type Floors = z.infer<typeof Floors>;

export const loadFloors = (path = floorsPath): Floors => Floors.parse(JSON.parse(readFileSync(path, "utf8")));

/** Every way the reports fall short of the floors, one readable line each; empty when all pass. */
export function checkFloors(reports: DatasetReport[], floors: Floors): string[] {
  const failures: string[] = [];
  if (floors.seedsMustPass) {
    const seeds = reports.find(isSeedsReport);
    if (!seeds) failures.push("seeds: dataset missing from the run");
    else if (!seeds.passed) {
      const count = seeds.failures.reduce((sum, f) => sum + f.problems.length, 0);
      failures.push(`seeds: must pass in full; ${count} expectation(s) unmet (listed under "seeds gold")`);
    }
  }
  for (const [dataset, fields] of Object.entries(floors.minF1)) {
    const report = reports.find((r) => r.dataset === dataset);
    for (const [field, floor] of Object.entries(fields)) {
      const score = report?.fields.find((f) => f.field === field);
      if (!score) failures.push(`${dataset} ${field}: no score (floor F1 ${pct(floor)})`);
      else if (score.f1 < floor)
        failures.push(`${dataset} ${field}: F1 ${pct(score.f1)} is below its floor ${pct(floor)}`);
    }
  }
  return failures;
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

/** Floors one to two points under today's F1 (whole points, rounded down), for every field that is not informative. */
export function floorsFromScores(reports: DatasetReport[]): Floors["minF1"] {
  return Object.fromEntries(
    reports.map((report) => [
      report.dataset,
      Object.fromEntries(
        report.fields
          .filter((f) => !f.informative)
          .map((f) => [f.field, Math.max(0, Math.floor(f.f1 * 100 - 1) / 100)]),
      ),
    ]),
  );
}

export function writeFloors(reports: DatasetReport[], path = floorsPath): Floors {
  const floors: Floors = {
    note:
      "Written by `pnpm frontline eval --write-floors` on " +
      new Date().toISOString().slice(0, 10) +
      ": each floor is that run's F1 minus one point, rounded down to a whole point (so 1-2 points of headroom). " +
      "The enricher is deterministic, so `eval --check` fails only on a real change. Raise floors as the enricher improves; " +
      "lower one only with a reason in the commit. seedsMustPass: every expectation in shared/eval/seeds.gold.json is met.",
    seedsMustPass: true,
    minF1: floorsFromScores(reports),
  };
  writeFileSync(path, `${JSON.stringify(floors, null, 2)}\n`);
  return floors;
}
