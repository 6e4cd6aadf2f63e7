// Splits a date window into the rollup's grains: whole years (yearly rows), the whole months around them (monthly
// rows) and the days at either edge (daily rows), so any window reads a few rows per key per grain.

export type RollupGrain = "y" | "m" | "w" | "d";

/** Rows of one grain whose day is in [start, end); null bounds are open. */
export interface RollupPart {
  grain: RollupGrain;
  start: string | null;
  end: string | null;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const parse = (s: string) => new Date(`${s}T00:00:00Z`);
const addDays = (s: string, n: number) => iso(new Date(parse(s).getTime() + n * 86_400_000));
const firstOfMonth = (s: string) => `${s.slice(0, 7)}-01`;
const nextMonth = (s: string) => {
  const d = parse(firstOfMonth(s));
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
};
const firstOfYear = (s: string) => `${s.slice(0, 4)}-01-01`;
const nextYear = (s: string) => `${Number(s.slice(0, 4)) + 1}-01-01`;

/** Inclusive from/to (YYYY-MM-DD, absent = open) as rollup parts covering each day exactly once. */
export function rollupRanges(from?: string, to?: string): RollupPart[] {
  const end = to ? addDays(to, 1) : null; // exclusive
  // Whole months: from the first month starting on or after `from` to the last month ending by `to`.
  const monthStart = from ? (from === firstOfMonth(from) ? from : nextMonth(from)) : null;
  const monthEnd = end ? firstOfMonth(end) : null;
  if (monthStart && monthEnd && monthStart >= monthEnd) return [{ grain: "d", start: from ?? null, end }];

  const parts: RollupPart[] = [];
  if (from && monthStart && from < monthStart) parts.push({ grain: "d", start: from, end: monthStart });
  // Whole years inside the whole months.
  const yearStart = monthStart ? (monthStart === firstOfYear(monthStart) ? monthStart : nextYear(monthStart)) : null;
  const yearEnd = monthEnd ? firstOfYear(monthEnd) : null;
  if (yearStart && yearEnd && yearStart >= yearEnd) {
    parts.push({ grain: "m", start: monthStart, end: monthEnd });
  } else {
    if (monthStart && yearStart && monthStart < yearStart) parts.push({ grain: "m", start: monthStart, end: yearStart });
    parts.push({ grain: "y", start: yearStart, end: yearEnd });
    if (monthEnd && yearEnd && yearEnd < monthEnd) parts.push({ grain: "m", start: yearEnd, end: monthEnd });
  }
  if (end && monthEnd && monthEnd < end) parts.push({ grain: "d", start: monthEnd, end });
  return parts;
}

const mondayOnOrBefore = (s: string) => addDays(s, -((parse(s).getUTCDay() + 6) % 7));

/**
 * The weekly series' parts: whole ISO weeks (Monday to Sunday) from the weekly grain, the days of a partial week at
 * either edge from the daily grain (so a week cut by the window counts only its days inside it).
 */
export function weekRanges(from?: string, to?: string): RollupPart[] {
  const end = to ? addDays(to, 1) : null; // exclusive
  const weekStart = from ? (mondayOnOrBefore(from) === from ? from : addDays(mondayOnOrBefore(from), 7)) : null;
  const weekEnd = end ? mondayOnOrBefore(end) : null;
  if (weekStart && weekEnd && weekStart >= weekEnd) return [{ grain: "d", start: from ?? null, end }];
  const parts: RollupPart[] = [];
  if (from && weekStart && from < weekStart) parts.push({ grain: "d", start: from, end: weekStart });
  parts.push({ grain: "w", start: weekStart, end: weekEnd });
  if (end && weekEnd && weekEnd < end) parts.push({ grain: "d", start: weekEnd, end });
  return parts;
}
