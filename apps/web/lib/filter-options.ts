// The choices the filter bar offers, from the taxonomies (and the sources seen in the data).
import { actors, ClaimStatus, eventTypes, regions } from "@frontline/model";

export interface Option {
  value: string;
  label: string;
}

export interface FilterOptions {
  regions: Option[];
  actors: Option[];
  types: Option[];
  claims: Option[];
  sources: Option[];
}

const byLabel = (a: Option, b: Option) => a.label.localeCompare(b.label);

export function filterOptions(sources: string[]): FilterOptions {
  return {
    regions: regions.map((r) => ({ value: r.code, label: `${r.name} (${r.code})` })).sort(byLabel),
    actors: actors.map((a) => ({ value: a.id, label: a.name })).sort(byLabel),
    types: eventTypes.map((t) => ({ value: t.id, label: t.label })).sort(byLabel),
    claims: ClaimStatus.options.map((c) => ({ value: c, label: c })),
    sources: [...new Set(sources)].sort().map((s) => ({ value: s, label: s })),
  };
}
