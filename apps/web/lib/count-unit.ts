// What the dashboard's numbers count, in words: incidents (deduplicated) or mentions (every extracted event).
import type { CountMode } from "@frontline/model";

export interface CountUnit {
  /** Column heading and chart legend, e.g. "Incidents". */
  heading: string;
  one: string;
  many: string;
}

const UNITS: Record<CountMode, CountUnit> = {
  incidents: { heading: "Incidents", one: "incident", many: "incidents" },
  mentions: { heading: "Mentions", one: "mention", many: "mentions" },
};

export const countUnit = (mode: CountMode): CountUnit => UNITS[mode];

/** "1 incident", "3 mentions". */
export const countOf = (n: number, unit: CountUnit) => `${n} ${n === 1 ? unit.one : unit.many}`;
