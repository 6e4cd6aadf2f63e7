// Pure half of the stats: turns counted rows into a StatsResponse with names from the taxonomies.
import { actorById, eventTypeById, regionByCode, type StatsQuery, StatsResponse } from "@frontline/model";

/** One counted key of one facet, as the stats SQL returns it ("total" has key null). */
export interface FacetCountRow {
  facet: "total" | "region" | "actor" | "type";
  key: string | null;
  count: number;
}

type Counts = { events: number; articles: number };

function countsByKey(eventRows: FacetCountRow[], articleRows: FacetCountRow[], facet: FacetCountRow["facet"]) {
  const counts = new Map<string, Counts>();
  const entry = (key: string) => {
    let c = counts.get(key);
    if (!c) {
      c = { events: 0, articles: 0 };
      counts.set(key, c);
    }
    return c;
  };
  for (const row of eventRows) if (row.facet === facet && row.key !== null) entry(row.key).events += row.count;
  for (const row of articleRows) if (row.facet === facet && row.key !== null) entry(row.key).articles += row.count;
  return counts;
}

const byCountsThenName = <T extends { events: number; articles?: number; name?: string; label?: string }>(a: T, b: T) =>
  b.events - a.events ||
  (b.articles ?? 0) - (a.articles ?? 0) ||
  (a.name ?? a.label ?? "").localeCompare(b.name ?? b.label ?? "");

/** The optional parts of a StatsResponse beyond the facet counts (see StatsResponse in the model). */
export interface StatsExtras {
  count?: "incidents" | "mentions";
  bySource?: { source: string; events: number; articles: number }[];
  byClaim?: { claim: string; events: number }[];
  series?: { bucket: "day" | "week"; points: { date: string; type: string; events: number }[] };
  places?: { name: string; regionCode: string | null; lat: number; lon: number; events: number }[];
}

export function assembleStats(
  query: StatsQuery,
  eventRows: FacetCountRow[],
  articleRows: FacetCountRow[],
  latestAt: Date | null,
  extras: StatsExtras = {},
): StatsResponse {
  const total = (rows: FacetCountRow[]) => rows.find((r) => r.facet === "total")?.count ?? 0;

  const byRegion = [...countsByKey(eventRows, articleRows, "region")].map(([code, counts]) => {
    const region = regionByCode(code);
    // A code the taxonomy no longer lists still counts; its ISO prefix is its country.
    return { code, name: region?.name ?? code, country: region?.country ?? code.slice(0, 2), ...counts };
  });
  const byActor = [...countsByKey(eventRows, articleRows, "actor")].map(([id, counts]) => ({
    id,
    name: actorById(id)?.name ?? id,
    ...counts,
  }));
  const byEventType = [...countsByKey(eventRows, [], "type")].map(([type, counts]) => ({
    type,
    label: eventTypeById(type)?.label ?? type,
    events: counts.events,
  }));

  // Validated on the way out so the API never answers with a shape its schema does not promise.
  return StatsResponse.parse({
    from: query.from ?? null,
    to: query.to ?? null,
    totals: { events: total(eventRows), articles: total(articleRows) },
    byRegion: byRegion.sort(byCountsThenName),
    byActor: byActor.sort(byCountsThenName),
    byEventType: byEventType.sort(byCountsThenName),
    latestAt: latestAt?.toISOString() ?? null,
    ...(extras.count && { count: extras.count }),
    ...(extras.bySource && {
      bySource: [...extras.bySource].sort(
        (a, b) => b.events - a.events || b.articles - a.articles || a.source.localeCompare(b.source),
      ),
    }),
    ...(extras.byClaim && {
      byClaim: [...extras.byClaim].sort((a, b) => b.events - a.events || a.claim.localeCompare(b.claim)),
    }),
    ...(extras.series && { series: extras.series }),
    ...(extras.places && { places: extras.places }),
  });
}
