import { describe, expect, it } from "vitest";
import { checkFloors, type Floors, floorsFromScores } from "./floors.ts";
import type { DatasetReport, SeedsReport } from "./report.ts";
import { fieldScore } from "./score.ts";

const seeds = (passed: boolean): SeedsReport => ({
  dataset: "seeds",
  title: "seeds",
  fields: [fieldScore("regions", { tp: 9, fp: 0, fn: 0 }, 9)],
  confusions: [],
  notes: [],
  passed,
  failures: passed ? [] : [{ id: "000", problems: ["region UA-53 is required but was not found"] }],
});

const dev: DatasetReport = {
  dataset: "dev",
  title: "dev",
  fields: [
    fieldScore("admin1", { tp: 9, fp: 1, fn: 1 }, 10),
    fieldScore("event_type", { tp: 7, fp: 3, fn: 3 }, 10),
    fieldScore("one-sided", { tp: 0, fp: 5, fn: 1 }, 1, true),
  ],
  confusions: [],
  notes: [],
};

describe("checkFloors", () => {
  const floors: Floors = {
    note: "test",
    seedsMustPass: true,
    minF1: { dev: { admin1: 0.9, event_type: 0.75, sub_event_type: 0.5 } },
  };

  it("passes when every field is at or above its floor and the seeds pass", () => {
    expect(checkFloors([seeds(true), dev], { ...floors, minF1: { dev: { admin1: 0.9, event_type: 0.7 } } })).toEqual(
      [],
    );
  });

  it("names every field below its floor, every missing field, and failing seeds", () => {
    const failures = checkFloors([seeds(false), dev], floors);
    expect(failures).toHaveLength(3);
    expect(failures[0]).toMatch(/^seeds: must pass in full; 1 expectation/);
    expect(failures[1]).toMatch(/^dev event_type: F1 70\.0% is below its floor 75\.0%/);
    expect(failures[2]).toMatch(/^dev sub_event_type: no score/);
  });
});

describe("floorsFromScores", () => {
  it("sets each floor one point under the F1, rounded down, and skips informative fields", () => {
    expect(floorsFromScores([dev])).toEqual({ dev: { admin1: 0.89, event_type: 0.69 } });
  });
});
