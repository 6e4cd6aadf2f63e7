// Splits a date window into whole months (read from the monthly rollup) and the days at either edge (read from
// the daily rollup), so a year's counts are ~12 monthly rows plus at most ~60 daily ones per key.

export interface RollupRanges {
  /** Whole months: first days of months, [start, end) ; null when the window holds no whole month. */
  months: { start: string | null; end: string | null } | null;
  /** Day ranges, inclusive; null bounds are open. */
  days: { from: string | null; to: string | null }[];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const parse = (s: string) => new Date(`${s}T00:00:00Z`);
const firstOfMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const addMonths = (d: Date, n: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

export function rollupRanges(from?: string, to?: string): RollupRanges {
  // First whole month: the month of `from` if it starts on the 1st, else the next one. Open start: -infinity.
  const start = from ? (parse(from).getUTCDate() === 1 ? parse(from) : addMonths(parse(from), 1)) : null;
  // End (exclusive) of the whole months: the month after `to` if `to` is a month's last day, else `to`'s month.
  let end: Date | null = null;
  if (to) {
    const t = parse(to);
    end = addDays(t, 1).getUTCDate() === 1 ? addDays(t, 1) : firstOfMonth(t);
  }
  if (start && end && start.getTime() >= end.getTime()) {
    return { months: null, days: [{ from: from ?? null, to: to ?? null }] };
  }
  const days: RollupRanges["days"] = [];
  if (from && start && parse(from).getTime() < start.getTime()) days.push({ from, to: iso(addDays(start, -1)) });
  if (to && end && end.getTime() <= parse(to).getTime()) days.push({ from: iso(end), to });
  return { months: { start: start ? iso(start) : null, end: end ? iso(end) : null }, days };
}
