import { describe, expect, it } from "vitest";
import { rollupRanges } from "./rollup-ranges.ts";

/** Every day a RollupRanges covers, for windows within 2024-2025, to check nothing is missed or doubled. */
function coveredDays(r: ReturnType<typeof rollupRanges>, lo = "2024-01-01", hi = "2025-12-31"): string[] {
  const out: string[] = [];
  const inRange = (d: string, a: string | null, b: string | null, endExclusive: boolean) =>
    (a === null || d >= a) && (b === null || (endExclusive ? d < b : d <= b));
  for (let t = Date.parse(`${lo}T00:00:00Z`); t <= Date.parse(`${hi}T00:00:00Z`); t += 86_400_000) {
    const d = new Date(t).toISOString().slice(0, 10);
    let n = 0;
    if (r.months && inRange(d, r.months.start, r.months.end, true)) n++;
    for (const range of r.days) if (inRange(d, range.from, range.to, false)) n++;
    if (n > 1) throw new Error(`${d} counted ${n} times`);
    if (n === 1) out.push(d);
  }
  return out;
}

const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000 + 1;

describe("rollupRanges", () => {
  it("uses only months for an open window", () => {
    expect(rollupRanges()).toEqual({ months: { start: null, end: null }, days: [] });
  });

  it("splits a window into whole months and edge days, covering each day exactly once", () => {
    const r = rollupRanges("2024-02-15", "2024-06-10");
    expect(r.months).toEqual({ start: "2024-03-01", end: "2024-06-01" });
    expect(r.days).toEqual([
      { from: "2024-02-15", to: "2024-02-29" },
      { from: "2024-06-01", to: "2024-06-10" },
    ]);
    expect(coveredDays(r)).toHaveLength(daysBetween("2024-02-15", "2024-06-10"));
  });

  it("reads whole months only when the window is aligned to months", () => {
    expect(rollupRanges("2025-01-01", "2025-03-31")).toEqual({
      months: { start: "2025-01-01", end: "2025-04-01" },
      days: [],
    });
  });

  it("uses days only inside a single month", () => {
    expect(rollupRanges("2025-05-03", "2025-05-20")).toEqual({
      months: null,
      days: [{ from: "2025-05-03", to: "2025-05-20" }],
    });
  });

  it("covers every day of arbitrary windows exactly once", () => {
    const windows: [string, string][] = [
      ["2024-01-31", "2024-02-01"],
      ["2024-12-31", "2025-01-01"],
      ["2024-03-01", "2024-03-01"],
      ["2024-04-30", "2025-11-02"],
    ];
    for (const [from, to] of windows) {
      expect(coveredDays(rollupRanges(from, to)), `${from}..${to}`).toHaveLength(daysBetween(from, to));
      expect(coveredDays(rollupRanges(from, to))[0]).toBe(from);
    }
    // Half-open windows: everything from / up to a day.
    expect(coveredDays(rollupRanges("2025-06-17"))[0]).toBe("2025-06-17");
    expect(coveredDays(rollupRanges(undefined, "2024-07-04")).at(-1)).toBe("2024-07-04");
  });
});
