import { describe, expect, it } from "vitest";
import { ConfusionTally, countLabel, emptyCounts, fieldScore, foldName, matchDistinct } from "./score.ts";

describe("fieldScore", () => {
  it("computes precision, recall and F1 from the counts", () => {
    const score = fieldScore("regions", { tp: 3, fp: 1, fn: 2 }, 5);
    expect(score.precision).toBeCloseTo(3 / 4);
    expect(score.recall).toBeCloseTo(3 / 5);
    expect(score.f1).toBeCloseTo((2 * (3 / 4) * (3 / 5)) / (3 / 4 + 3 / 5));
    expect(score.n).toBe(5);
  });

  it("treats no predictions as vacuously precise and an all-wrong field as F1 0", () => {
    const nothingPredicted = fieldScore("places", { tp: 0, fp: 0, fn: 4 }, 4);
    expect(nothingPredicted.precision).toBe(1);
    expect(nothingPredicted.recall).toBe(0);
    expect(nothingPredicted.f1).toBe(0);
    const allWrong = fieldScore("admin1", { tp: 0, fp: 2, fn: 2 }, 2);
    expect(allWrong.f1).toBe(0);
  });
});

describe("countLabel", () => {
  it("counts a right label as TP, a wrong one as FP and FN, a missing one as FN only", () => {
    const counts = emptyCounts();
    expect(countLabel(counts, "UA-63", "UA-63")).toBe(true);
    expect(countLabel(counts, "UA-63", "UA-14")).toBe(false);
    expect(countLabel(counts, "UA-63", undefined)).toBe(false);
    expect(counts).toEqual({ tp: 1, fp: 1, fn: 2 });
    const score = fieldScore("admin1", counts, 3);
    expect(score.precision).toBeCloseTo(1 / 2);
    expect(score.recall).toBeCloseTo(1 / 3);
  });
});

describe("matchDistinct", () => {
  it("never lets one predicted item satisfy two gold items", () => {
    // Both gold items accept only predicted item 0.
    const match = matchDistinct(2, 1, () => true);
    expect(match.filter((p) => p !== undefined)).toEqual([0]);
  });

  it("finds the pairing that matches most gold items, where greedy would not", () => {
    // Gold 0 accepts predicted 0 or 1; gold 1 accepts only 0. Greedy would give 0→0 and leave gold 1 unmatched.
    const accepts = (g: number, p: number) => (g === 0 ? p === 0 || p === 1 : p === 0);
    expect(matchDistinct(2, 2, accepts)).toEqual([1, 0]);
  });

  it("prefers the partner whose attributes agree when several are acceptable", () => {
    const prefers = (g: number, p: number) => (g === p ? 1 : 0);
    expect(matchDistinct(2, 2, () => true, prefers)).toEqual([0, 1]);
    const crosswise = (g: number, p: number) => (g !== p ? 1 : 0);
    expect(matchDistinct(2, 2, () => true, crosswise)).toEqual([1, 0]);
  });

  it("leaves gold items with no acceptable partner unmatched", () => {
    expect(matchDistinct(2, 3, (g, p) => g === 0 && p === 2)).toEqual([2, undefined]);
  });
});

describe("foldName", () => {
  it("ignores case, diacritics and apostrophe style", () => {
    expect(foldName("Zaporíz’ke")).toBe(foldName("zaporiz'ke"));
    expect(foldName("  Russkoye   Porechnoye ")).toBe("russkoye porechnoye");
    expect(foldName("Dnipro")).not.toBe(foldName("Dnipropetrovsk"));
  });
});

describe("ConfusionTally", () => {
  it("ranks gold → predicted pairs by count", () => {
    const tally = new ConfusionTally();
    tally.add("admin1", "UA-14", "UA-23");
    tally.add("admin1", "UA-63", undefined);
    tally.add("admin1", "UA-14", "UA-23");
    expect(tally.top(5)).toEqual([
      { field: "admin1", gold: "UA-14", predicted: "UA-23", count: 2 },
      { field: "admin1", gold: "UA-63", predicted: "(none)", count: 1 },
    ]);
    expect(tally.top(1)).toHaveLength(1);
  });
});
