import { describe, expect, it } from "vitest";
import {
  type DatasetReport,
  datasetRank,
  isRealTextTest,
  orderDatasets,
  renderDataset,
  renderSummary,
} from "./report.ts";
import { fieldScore, rate } from "./score.ts";

const report = (
  dataset: DatasetReport["dataset"],
  realText: boolean,
  split: DatasetReport["split"],
): DatasetReport => ({
  dataset,
  realText,
  split,
  origin: realText ? "real text, not written by us" : "self-written (ours), written by the team",
  title: dataset,
  fields: [fieldScore("admin1", { tp: 3, fp: 1, fn: 1 }, 4), fieldScore("x", { tp: 1, fp: 0, fn: 0 }, 1, true)],
  rates: [rate("no event", 1, 4, "lower")],
  confusions: [],
  notes: [],
});

describe("orderDatasets", () => {
  it("puts real-text test sets first, then real-text dev, seeds, self-written dev, self-written holdout", () => {
    const shuffled = [
      report("ours-holdout", false, "holdout"),
      report("seeds", true, "gold"),
      report("ucdp-dev", true, "dev"),
      report("ours-dev", false, "dev"),
      report("reports-test", true, "test"),
      report("reports-dev", true, "dev"),
      report("ucdp-test", true, "test"),
    ];
    expect(orderDatasets(shuffled).map((r) => r.dataset)).toEqual([
      "reports-test",
      "ucdp-test",
      "ucdp-dev",
      "reports-dev",
      "seeds",
      "ours-dev",
      "ours-holdout",
    ]);
  });

  it("never ranks a self-written set before a real-text one", () => {
    expect(datasetRank({ dataset: "ours-dev", realText: false, split: "dev" })).toBeGreaterThan(
      datasetRank({ dataset: "seeds", realText: true, split: "gold" }),
    );
    expect(isRealTextTest({ realText: true, split: "test" })).toBe(true);
    expect(isRealTextTest({ realText: true, split: "dev" })).toBe(false);
    expect(isRealTextTest({ realText: false, split: "test" })).toBe(false);
  });
});

describe("rendering", () => {
  it("heads each dataset with whose text it is and its split, then source and split rule", () => {
    const text = renderDataset({ ...report("ucdp-test", true, "test"), source: "CC BY 4.0", splitRule: "by time" });
    const lines = text.split("\n");
    expect(lines[0]).toBe("== [real text, not written by us · TEST] ucdp-test ==");
    expect(lines[1]).toBe("source: CC BY 4.0");
    expect(lines[2]).toBe("split: by time");
    expect(text).toMatch(/no event\s+1\s+4\s+25\.0\s+lower/);
    expect(renderDataset(report("ours-holdout", false, "holdout")).split("\n")[0]).toBe(
      "== [self-written (ours), written by the team · HOLDOUT] ours-holdout ==",
    );
  });

  it("summarises gated F1s and shares, and says why a dataset was skipped", () => {
    const summary = renderSummary([
      report("ucdp-test", true, "test"),
      { ...report("reports-test", true, "test"), skipped: "file missing", fields: [], rates: [] },
    ]);
    expect(summary).toMatch(/ucdp-test .* test +F1: admin1 75\.0\n/);
    expect(summary).not.toContain("x 100.0");
    expect(summary).toMatch(/shares: no event 25\.0/);
    expect(summary).toMatch(/reports-test .* skipped: file missing/);
  });
});
