// The filters every view shares (stats, events, export), and how to carry them in a URL.
import type { ClaimStatus } from "@frontline/model";

export interface EventFilters {
  from?: string;
  to?: string;
  region?: string;
  actor?: string;
  type?: string;
  source?: string;
  claim?: ClaimStatus;
}

export const FILTER_KEYS = ["from", "to", "region", "actor", "type", "source", "claim"] as const;

/** Just the filters of a larger query (drops sort, page, count, ...). */
export function pickFilters(query: EventFilters): EventFilters {
  const out: EventFilters = {};
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (value !== undefined) (out as Record<string, string>)[key] = value;
  }
  return out;
}

/** True when any filter other than the date window is set (the articles counted are then those of the matching events). */
export const hasEventFilters = (f: EventFilters) => Boolean(f.region || f.actor || f.type || f.source || f.claim);

/** `?from=…&region=…` for the given filters plus extra params; undefined values are left out. */
export function filterSearch(filters: EventFilters, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra))
    if (value !== undefined && value !== "") params.set(key, String(value));
  const s = params.toString();
  return s ? `?${s}` : "";
}
