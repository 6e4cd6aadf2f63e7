import { describe, expect, it } from "vitest";
import { checkFloors, type Floors, floorsFromScores, isGated, shareLimitsFromScores } from "./floors.ts";
import type { DatasetReport, SeedsReport } from "./report.ts";
import { fieldScore, rate } from "./score.ts";

const seeds = (passed: boolean): SeedsReport => ({
  dataset: "seeds",
  realText: true,
  split: "gold",
  origin: "curated gold: our labels on real articles",
  title: "seeds",
  fields: [fieldScore("regions", { tp: 9, fp: 0, fn: 0 }, 9)],
  confusions: [],
  notes: [],
  passed,
  failures: passed ? [] : [{ id: "000", problems: ["region UA-53 is required but was not found"] }],
});

const scored = (
  dataset: DatasetReport["dataset"],
  realText: boolean,
  split: DatasetReport["split"],
): DatasetReport => ({
  dataset,
  realText,
  split,
  origin: "test",
  title: dataset,
  fields: [
    fieldScore("admin1", { tp: 9, fp: 1, fn: 1 }, 10),
    fieldScore("event_type", { tp: 7, fp: 3, fn: 3 }, 10),
    fieldScore("one-sided", { tp: 0, fp: 5, fn: 1 }, 1, true),
  ],
  rates: [
    rate("no event", 3, 10, "lower"),
    rate("settlement known", 45, 100, "higher"),
    rate("context", 1, 2, "lower", true),
  ],
  confusions: [],
  notes: [],
});

const ucdpTest = scored("ucdp-test", true, "test");
const ucdpDev = scored("ucdp-dev", true, "dev");
const oursDev = scored("ours-dev", false, "dev");

describe("checkFloors", () => {
  const floors: Floors = {
    note: "test",
    seedsMustPass: true,
    minF1: { "ucdp-test": { admin1: 0.9, event_type: 0.75, sub_event_type: 0.5 } },
  };

  it("passes when every field is at or above its floor and the seeds pass", () => {
    expect(
      checkFloors([seeds(true), ucdpTest], { ...floors, minF1: { "ucdp-test": { admin1: 0.9, event_type: 0.7 } } }),
    ).toEqual([]);
  });

  it("names every field below its floor, every missing field, and failing seeds", () => {
    const failures = checkFloors([seeds(false), ucdpTest], floors);
    expect(failures).toHaveLength(3);
    expect(failures[0]).toMatch(/^seeds: must pass in full; 1 expectation/);
    expect(failures[1]).toMatch(/^ucdp-test event_type: F1 70\.0% is below its floor 75\.0%/);
    expect(failures[2]).toMatch(/^ucdp-test sub_event_type: no score/);
  });

  it("gates shares: a floor under higher-is-better, a ceiling over lower-is-better", () => {
    const limits = {
      minShare: { "ucdp-test": { "settlement known": 0.5 } },
      maxShare: { "ucdp-test": { "no event": 0.2 } },
    };
    const failures = checkFloors([seeds(true), ucdpTest], { ...floors, minF1: {}, ...limits });
    expect(failures).toEqual([
      "ucdp-test settlement known: 45.0% (45/100) is below its floor 50.0%",
      "ucdp-test no event: 30.0% (3/10) is above its ceiling 20.0%",
    ]);
    const ok = {
      minShare: { "ucdp-test": { "settlement known": 0.45 } },
      maxShare: { "ucdp-test": { "no event": 0.3 } },
    };
    expect(checkFloors([seeds(true), ucdpTest], { ...floors, minF1: {}, ...ok })).toEqual([]);
  });

  it("fails a floored dataset that was skipped, saying why", () => {
    const skipped: DatasetReport = { ...scored("reports-test", true, "test"), skipped: "file missing", fields: [] };
    expect(checkFloors([seeds(true), skipped], { ...floors, minF1: { "reports-test": { admin1: 0.5 } } })).toEqual([
      "reports-test admin1: no score (floor F1 50.0%) (dataset skipped: file missing)",
    ]);
  });
});

describe("floorsFromScores", () => {
  it("sets each floor one point under the F1, rounded down, and skips informative fields", () => {
    expect(floorsFromScores([ucdpTest])).toEqual({ "ucdp-test": { admin1: 0.89, event_type: 0.69 } });
  });

  it("floors the real-text test sets, the seeds and our own notes, but not the real-text dev sets", () => {
    const reports = [
      ucdpTest,
      ucdpDev,
      seeds(true),
      oursDev,
      { ...scored("reports-test", true, "test"), skipped: "x" },
    ];
    expect(Object.keys(floorsFromScores(reports))).toEqual(["ucdp-test", "seeds", "ours-dev"]);
    expect(isGated(ucdpDev)).toBe(false);
    expect(isGated(ucdpTest)).toBe(true);
  });
});

describe("shareLimitsFromScores", () => {
  it("limits only the shares of the real-text test sets, one point of headroom, informative ones left out", () => {
    expect(shareLimitsFromScores([ucdpTest, ucdpDev, oursDev])).toEqual({
      minShare: { "ucdp-test": { "settlement known": 0.44 } },
      maxShare: { "ucdp-test": { "no event": 0.31 } },
    });
  });
});
