import { describe, expect, it } from "vitest";
import { type RollupPart, rollupRanges, weekRanges } from "./rollup-ranges.ts";

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Every day the parts cover within [lo, hi], checking none is covered twice and each part is aligned to its grain. */
function coveredDays(parts: RollupPart[], lo = "2022-01-01", hi = "2029-12-31"): string[] {
  for (const p of parts) {
    for (const bound of [p.start, p.end]) {
      if (bound === null) continue;
      if (p.grain === "w") expect(new Date(`${bound}T00:00:00Z`).getUTCDay(), `week part bound ${bound}`).toBe(1);
      if (p.grain === "m" || p.grain === "y") expect(bound.slice(8), `${p.grain} part bound ${bound}`).toBe("01");
      if (p.grain === "y") expect(bound.slice(5), `year part bound ${bound}`).toBe("01-01");
    }
  }
  const out: string[] = [];
  for (let t = Date.parse(`${lo}T00:00:00Z`); t <= Date.parse(`${hi}T00:00:00Z`); t += DAY) {
    const d = iso(t);
    const n = parts.filter((p) => (p.start === null || d >= p.start) && (p.end === null || d < p.end)).length;
    if (n > 1) throw new Error(`${d} counted ${n} times`);
    if (n === 1) out.push(d);
  }
  return out;
}

const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / DAY + 1;

describe("rollupRanges", () => {
  it("reads only yearly rows for an open window", () => {
    expect(rollupRanges()).toEqual([{ grain: "y", start: null, end: null }]);
  });

  it("splits a window into edge days, months and whole years", () => {
    expect(rollupRanges("2023-11-15", "2025-02-10")).toEqual([
      { grain: "d", start: "2023-11-15", end: "2023-12-01" },
      { grain: "m", start: "2023-12-01", end: "2024-01-01" },
      { grain: "y", start: "2024-01-01", end: "2025-01-01" },
      { grain: "m", start: "2025-01-01", end: "2025-02-01" },
      { grain: "d", start: "2025-02-01", end: "2025-02-11" },
    ]);
  });

  it("reads whole months when the window is aligned to months but holds no whole year", () => {
    expect(rollupRanges("2025-01-01", "2025-03-31")).toEqual([{ grain: "m", start: "2025-01-01", end: "2025-04-01" }]);
    expect(rollupRanges("2024-01-01", "2024-12-31")).toEqual([{ grain: "y", start: "2024-01-01", end: "2025-01-01" }]);
  });

  it("uses days only inside a single month", () => {
    expect(rollupRanges("2025-05-03", "2025-05-20")).toEqual([{ grain: "d", start: "2025-05-03", end: "2025-05-21" }]);
  });

  it("covers every day of arbitrary windows exactly once", () => {
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const base = Date.parse("2023-01-01T00:00:00Z");
    const windows: [string, string][] = [
      ["2024-01-31", "2024-02-01"],
      ["2024-12-31", "2025-01-01"],
      ["2024-03-01", "2024-03-01"],
      ["2024-04-30", "2025-11-02"],
    ];
    for (let i = 0; i < 200; i++) {
      const a = base + Math.floor(next() * 1500) * DAY;
      windows.push([iso(a), iso(a + Math.floor(next() * 900) * DAY)]);
    }
    for (const [from, to] of windows) {
      const days = coveredDays(rollupRanges(from, to));
      expect(days, `${from}..${to}`).toHaveLength(daysBetween(from, to));
      expect(days[0]).toBe(from);
      expect(days.at(-1)).toBe(to);
    }
    // Half-open windows: everything from / up to a day.
    expect(coveredDays(rollupRanges("2025-06-17"))[0]).toBe("2025-06-17");
    expect(coveredDays(rollupRanges("2025-06-17")).at(-1)).toBe("2029-12-31");
    expect(coveredDays(rollupRanges(undefined, "2024-07-04")).at(-1)).toBe("2024-07-04");
    expect(coveredDays(rollupRanges(undefined, "2024-07-04"))[0]).toBe("2022-01-01");
  });
});

describe("weekRanges", () => {
  it("reads whole ISO weeks from the weekly grain and the days of cut weeks from the daily grain", () => {
    // 2025-03-05 is a Wednesday, 2025-03-25 a Tuesday.
    expect(weekRanges("2025-03-05", "2025-03-25")).toEqual([
      { grain: "d", start: "2025-03-05", end: "2025-03-10" },
      { grain: "w", start: "2025-03-10", end: "2025-03-24" },
      { grain: "d", start: "2025-03-24", end: "2025-03-26" },
    ]);
    expect(weekRanges()).toEqual([{ grain: "w", start: null, end: null }]);
    expect(weekRanges("2025-03-05", "2025-03-07")).toEqual([{ grain: "d", start: "2025-03-05", end: "2025-03-08" }]);
  });

  it("covers every day of arbitrary windows exactly once", () => {
    for (let i = 0; i < 120; i++) {
      const from = iso(Date.parse("2024-01-01T00:00:00Z") + ((i * 37) % 700) * DAY);
      const to = iso(Date.parse(`${from}T00:00:00Z`) + ((i * 53) % 400) * DAY);
      const days = coveredDays(weekRanges(from, to));
      expect(days, `${from}..${to}`).toHaveLength(daysBetween(from, to));
      expect([days[0], days.at(-1)]).toEqual([from, to]);
    }
    expect(coveredDays(weekRanges("2025-06-18"))[0]).toBe("2025-06-18");
    expect(coveredDays(weekRanges(undefined, "2024-07-04")).at(-1)).toBe("2024-07-04");
  });
});
