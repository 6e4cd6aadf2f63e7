// `eval --check`: recorded minimum F1 per dataset and field (apps/cli/eval/floors.json), plus "seeds pass in full".
// The gate that matters is on the real-text TEST sets (issue #13): ucdp-test and reports-test. The real-text dev
// sets are for tuning and carry no floors; the seeds and our own notes keep theirs.
// The enricher is deterministic, so a score below its floor is a regression, never noise.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { cliEvalDir } from "./paths.ts";
import { type DatasetReport, isRealTextTest, isSeedsReport } from "./report.ts";

export const floorsPath = resolve(cliEvalDir, "floors.json");

const Share = z.number().min(0).max(1);

export const Floors = z.object({
  note: z.string(),
  seedsMustPass: z.boolean(),
  /** dataset → field → minimum F1 (0..1). */
  minF1: z.record(z.string(), z.record(z.string(), Share)),
  /** dataset → share where higher is better ("settlement known", "events dated") → minimum share. */
  minShare: z.record(z.string(), z.record(z.string(), Share)).optional(),
  /** dataset → share where lower is better ("no event", "trap region hit"...) → maximum share. */
  maxShare: z.record(z.string(), z.record(z.string(), Share)).optional(),
});
export type Floors = z.infer<typeof Floors>;

export const loadFloors = (path = floorsPath): Floors => Floors.parse(JSON.parse(readFileSync(path, "utf8")));

/** Datasets that get floors: all but the real-text dev sets, which are there to tune against. */
export const isGated = (report: DatasetReport): boolean => !(report.realText && report.split === "dev");

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
  const why = (report: DatasetReport | undefined) =>
    report?.skipped ? ` (dataset skipped: ${report.skipped})` : report ? "" : " (dataset missing from the run)";
  for (const [dataset, fields] of Object.entries(floors.minF1)) {
    const report = reports.find((r) => r.dataset === dataset);
    for (const [field, floor] of Object.entries(fields)) {
      const score = report?.fields.find((f) => f.field === field);
      if (!score) failures.push(`${dataset} ${field}: no score (floor F1 ${pct(floor)})${why(report)}`);
      else if (score.f1 < floor)
        failures.push(`${dataset} ${field}: F1 ${pct(score.f1)} is below its floor ${pct(floor)}`);
    }
  }
  for (const [bound, table] of [
    ["min", floors.minShare],
    ["max", floors.maxShare],
  ] as const) {
    for (const [dataset, measures] of Object.entries(table ?? {})) {
      const report = reports.find((r) => r.dataset === dataset);
      for (const [measure, limit] of Object.entries(measures)) {
        const share = report?.rates?.find((r) => r.measure === measure);
        const name = bound === "min" ? "floor" : "ceiling";
        if (!share) failures.push(`${dataset} ${measure}: no share (${name} ${pct(limit)})${why(report)}`);
        else if (bound === "min" ? share.share < limit : share.share > limit)
          failures.push(
            `${dataset} ${measure}: ${pct(share.share)} (${share.count}/${share.of}) is ${bound === "min" ? "below its floor" : "above its ceiling"} ${pct(limit)}`,
          );
      }
    }
  }
  return failures;
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

/**
 * Floors one to two points under today's F1 (whole points, rounded down), for every field that is not
 * informative, of every gated dataset that was scored (a real-text test set first).
 */
export function floorsFromScores(reports: DatasetReport[]): Floors["minF1"] {
  return Object.fromEntries(
    reports
      .filter((report) => isGated(report) && !report.skipped)
      .map((report) => [
        report.dataset,
        Object.fromEntries(
          report.fields
            .filter((f) => !f.informative)
            .map((f) => [f.field, Math.max(0, Math.floor(f.f1 * 100 - 1) / 100)]),
        ),
      ]),
  );
}

/**
 * Limits on the shares of the real-text test sets, one to two points from today's share (whole points): a floor
 * under each higher-is-better share, a ceiling over each lower-is-better one.
 */
export function shareLimitsFromScores(reports: DatasetReport[]): Pick<Required<Floors>, "minShare" | "maxShare"> {
  const limits = (better: "higher" | "lower") =>
    Object.fromEntries(
      reports
        .filter((report) => isRealTextTest(report) && !report.skipped)
        .map((report) => [
          report.dataset,
          Object.fromEntries(
            (report.rates ?? [])
              .filter((r) => r.better === better && !r.informative && r.of > 0)
              .map((r) => [
                r.measure,
                better === "higher"
                  ? Math.max(0, Math.floor(r.share * 100 - 1) / 100)
                  : Math.min(1, Math.ceil(r.share * 100 + 1) / 100),
              ]),
          ),
        ])
        .filter(([, measures]) => Object.keys(measures as object).length > 0),
    );
  return { minShare: limits("higher"), maxShare: limits("lower") };
}

export const FLOORS_NOTE =
  "Written by `pnpm --silent frontline eval --write-floors` on DATE; regenerate it the same way whenever the " +
  "enricher's scores move. The gate that matters is on real text: ucdp-test (UCDP headlines, event_date from " +
  "2023-01-01) and reports-test (paraphrased real reports, split 'test'). Each F1 floor is that run's F1 minus one " +
  "point, rounded down to a whole point. The shares of the real-text test sets are gated too: minShare (higher is " +
  "better: settlement known, events dated) is that run's share minus one point, rounded down; maxShare (lower is " +
  "better: no event, events without a settlement, trap regions hit...) is the share plus one point, rounded up. " +
  "The real-text dev sets (ucdp-dev, reports-dev) are for tuning and have no floors. seeds, ours-dev and " +
  "ours-holdout (notes the team wrote) keep floors to catch regressions, but they are not evidence of quality on " +
  "real text. seedsMustPass: every expectation in shared/eval/seeds.gold.json is met. The enricher is " +
  "deterministic, so `eval --check` fails only on a real change; lower a floor only with a reason in the commit.";

export function writeFloors(reports: DatasetReport[], path = floorsPath): Floors {
  const floors: Floors = {
    note: FLOORS_NOTE.replace("DATE", new Date().toISOString().slice(0, 10)),
    seedsMustPass: true,
    minF1: floorsFromScores(reports),
    ...shareLimitsFromScores(reports),
  };
  writeFileSync(path, `${JSON.stringify(floors, null, 2)}\n`);
  return floors;
}
