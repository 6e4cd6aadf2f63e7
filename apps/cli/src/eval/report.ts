// The eval's result shape and its plain-text rendering. `--json` prints the same objects.
import type { Confusion, FieldScore } from "./score.ts";

export interface DatasetReport {
  /** "holdout": notes labelled like the dev set but never used to write rules; a gap to "dev" shows over-fitting. */
  dataset: "seeds" | "ucdp" | "dev" | "holdout";
  title: string;
  fields: FieldScore[];
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

const percent = (value: number) => `${(value * 100).toFixed(1)}`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function renderDataset(report: DatasetReport): string {
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
  const out = [`== ${report.title} ==`, table(header, rows)];
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
