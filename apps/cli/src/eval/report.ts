// The eval's result shape and its plain-text rendering. `--json` prints the same objects, in the same order.
import type { Confusion, FieldScore, Rate } from "./score.ts";

/**
 * Every dataset the eval scores. Real text first (issue #13): UCDP headlines and the real-report paraphrases, each
 * split into a test part (gated by floors) and a dev part (for tuning); then the seeds (our labels on real
 * articles); then the notes we wrote ourselves ("ours-dev", and "ours-holdout" kept out of rule-writing).
 */
export const DATASET_IDS = [
  "ucdp-test",
  "reports-test",
  "ucdp-dev",
  "reports-dev",
  "seeds",
  "ours-dev",
  "ours-holdout",
] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

/** "gold": curated labels the enricher must meet in full; "holdout": self-written, never used to write rules. */
export type Split = "test" | "dev" | "gold" | "holdout";

export interface DatasetReport {
  dataset: DatasetId;
  /** True when the text was not written by the team (it may still be labelled, or paraphrased, by us). */
  realText: boolean;
  split: Split;
  /** Whose text and whose labels, in a few words: the header says it before anything else. */
  origin: string;
  title: string;
  /** Licence and citation of the data, where it comes from outside the project. */
  source?: string;
  /** How the rows were split between dev and test. */
  splitRule?: string;
  /** Set when the dataset could not be scored (its file is missing): the reason. Fields are then empty. */
  skipped?: string;
  fields: FieldScore[];
  /** Shares that are not P/R/F1 ("events without a settlement"); never gated. */
  rates?: Rate[];
  confusions: Confusion[];
  /** Facts about the run worth reading beside the scores: skipped rows, unmapped labels. */
  notes: string[];
  /** Product targets per field, shown beside the scores where there are any. */
  targets?: Record<string, number>;
}

export interface SeedsReport extends DatasetReport {
  dataset: "seeds";
  passed: boolean;
  /** Per article, each gold expectation the enricher does not meet. */
  failures: { id: string; problems: string[] }[];
}

/** Where a dataset is printed: real-text test, real-text dev, seeds, self-written dev, self-written holdout. */
export function datasetRank(report: Pick<DatasetReport, "dataset" | "realText" | "split">): number {
  if (report.dataset === "seeds") return 2;
  if (report.realText) return report.split === "test" ? 0 : 1;
  return report.split === "holdout" ? 4 : 3;
}

/** The reports in print order (stable within a group). */
export const orderDatasets = <T extends DatasetReport>(reports: T[]): T[] =>
  reports
    .map((report, i) => ({ report, i }))
    .sort((a, b) => datasetRank(a.report) - datasetRank(b.report) || a.i - b.i)
    .map(({ report }) => report);

/** Real-text test sets: the figures the CI gate sits on (issue #13). */
export const isRealTextTest = (report: Pick<DatasetReport, "realText" | "split">): boolean =>
  report.realText && report.split === "test";

const percent = (value: number) => `${(value * 100).toFixed(1)}`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** "[real text, not written by us · TEST]": the label every header starts with. */
export const headerLabel = (report: DatasetReport): string => `[${report.origin} · ${report.split.toUpperCase()}]`;

/**
 * What every dataset is and its headline figures, in print order, before the detail: the F1 of each gated field,
 * then each share.
 */
export function renderSummary(reports: DatasetReport[]): string {
  const width = Math.max(...reports.map((r) => r.dataset.length));
  const kindWidth = Math.max(...reports.map((r) => r.origin.length));
  const out = ["== summary, real text first: F1 % of each field, then shares % ==", ""];
  for (const r of reports) {
    const lead = `${r.dataset.padEnd(width)}  ${r.origin.padEnd(kindWidth)}  ${r.split.padEnd(7)}`;
    if (r.skipped) {
      out.push(`${lead}  skipped: ${r.skipped}`);
      continue;
    }
    const f1 = r.fields.filter((f) => !f.informative).map((f) => `${f.field} ${percent(f.f1)}`);
    out.push(`${lead}  F1: ${f1.join(" · ")}`);
    const shares = (r.rates ?? []).filter((x) => !x.informative).map((x) => `${x.measure} ${percent(x.share)}`);
    if (shares.length > 0) out.push(`${" ".repeat(lead.length)}  shares: ${shares.join(" · ")}`);
  }
  return out.join("\n");
}

export function renderDataset(report: DatasetReport): string {
  const out = [`== ${headerLabel(report)} ${report.title} ==`];
  if (report.source) out.push(`source: ${report.source}`);
  if (report.splitRule) out.push(`split: ${report.splitRule}`);
  if (report.skipped) {
    out.push(`skipped: ${report.skipped}`);
    for (const note of report.notes) out.push(`note: ${note}`);
    return out.join("\n");
  }
  const withTargets = report.targets !== undefined;
  const header = ["field", "P %", "R %", "F1 %", "n", ...(withTargets ? ["target %"] : [])];
  const rows = report.fields.map((f) => [
    f.informative ? `${f.field} (informative)` : f.field,
    percent(f.precision),
    percent(f.recall),
    percent(f.f1),
    String(f.n),
    ...(withTargets ? [report.targets?.[f.field] !== undefined ? percent(report.targets[f.field] ?? 0) : ""] : []),
  ]);
  out.push(table(header, rows));
  if (report.rates && report.rates.length > 0) {
    out.push(
      "",
      table(
        ["share", "count", "of", "%", "better"],
        report.rates.map((r) => [
          r.informative ? `${r.measure} (informative)` : r.measure,
          String(r.count),
          String(r.of),
          percent(r.share),
          r.better,
        ]),
      ),
    );
  }
  for (const note of report.notes) out.push(`note: ${note}`);
  if (report.confusions.length > 0) {
    out.push("", "top confusions (gold -> predicted):");
    out.push(
      table(
        ["field", "gold", "predicted", "count"],
        report.confusions.map((c) => [c.field, c.gold, c.predicted, String(c.count)]),
      ),
    );
  }
  if (isSeedsReport(report)) {
    out.push("", report.passed ? "seeds gold: PASS (every expectation met)" : "seeds gold: FAIL");
    for (const article of report.failures) {
      if (article.problems.length === 0) continue;
      out.push(`  article ${article.id}:`);
      for (const problem of article.problems) out.push(`    - ${problem}`);
    }
  }
  return out.join("\n");
}

export const isSeedsReport = (report: DatasetReport): report is SeedsReport => report.dataset === "seeds";
