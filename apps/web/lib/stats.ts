// Server-only: the dashboard's and GET /api/stats's aggregate counts, of incidents (the default) or mentions.
//
// Mentions are extracted events, each counted on its own day. Incidents are those events deduplicated: an incident
// counts once, on the day it started, under every region, type, actor, claim, source and place of its events (an
// event without an incident is an incident of its own). The counts come from the stats index, a column store in
// this process's memory that follows the tables through the stats_changes log (lib/stats-index): every view, filtered
// or not, is one scan of typed arrays. The same counts as plain SQL are kept below as the reference the tests and
// the benchmark compare it with.
import "server-only";
import type { CountMode, StatsQuery, StatsResponse } from "@frontline/model";
import { Prisma, type PrismaClient } from "@frontline/model/db";
import { type EventFilters, hasEventFilters, pickFilters } from "./event-filters.ts";
import { EVENT_DAY_PARTS, eventConditions, INCIDENT_DAY } from "./event-sql.ts";
import { assembleStats, type FacetCountRow, type StatsExtras } from "./stats-assemble.ts";
import { dayNumber, type StatsStore } from "./stats-index/store.ts";
import { StatsIndex } from "./stats-index/sync.ts";

/** The map shows at most this many places. */
const MAX_PLACES = 500;

interface KeyCount {
  facet: string;
  key: string;
  count: number;
}
interface SeriesRow {
  date: string;
  type: string;
  events: number;
}

const EVENT_FACETS: Record<string, FacetCountRow["facet"]> = {
  events: "total",
  region: "region",
  type: "type",
  actor: "actor",
};
const ARTICLE_FACETS: Record<string, FacetCountRow["facet"]> = {
  articles: "total",
  "article-region": "region",
  "article-actor": "actor",
};

/** Facets of incident counts carry this prefix ('i-region', ...); mention facets have none. */
const INCIDENT_PREFIX = "i-";
/** The event facets, as they are named for mentions. */
const MENTION_FACETS = ["events", "region", "type", "actor", "claim", "source", "place"];

function fromKeyCounts(
  rows: KeyCount[],
  latestAt: Date | null,
  query: StatsQuery,
  series: SeriesRow[],
  count: CountMode,
) {
  const eventRows: FacetCountRow[] = [];
  const articleRows: FacetCountRow[] = [];
  const sources = new Map<string, { events: number; articles: number }>();
  const source = (key: string) => {
    let s = sources.get(key);
    if (!s) {
      s = { events: 0, articles: 0 };
      sources.set(key, s);
    }
    return s;
  };
  const byClaim: NonNullable<StatsExtras["byClaim"]> = [];
  const places: NonNullable<StatsExtras["places"]> = [];
  for (const counted of rows) {
    if (counted.count <= 0) continue;
    const isIncidentFacet = counted.facet.startsWith(INCIDENT_PREFIX);
    const row = isIncidentFacet ? { ...counted, facet: counted.facet.slice(INCIDENT_PREFIX.length) } : counted;
    // Event facets of the other count mode are skipped; article facets count articles in both.
    if (MENTION_FACETS.includes(row.facet) && isIncidentFacet !== (count === "incidents")) continue;
    const eventFacet = EVENT_FACETS[row.facet];
    const articleFacet = ARTICLE_FACETS[row.facet];
    if (eventFacet)
      eventRows.push({ facet: eventFacet, key: eventFacet === "total" ? null : row.key, count: row.count });
    else if (articleFacet)
      articleRows.push({ facet: articleFacet, key: articleFacet === "total" ? null : row.key, count: row.count });
    else if (row.facet === "source") source(row.key).events += row.count;
    else if (row.facet === "article-source") source(row.key).articles += row.count;
    else if (row.facet === "claim") byClaim.push({ claim: row.key, events: row.count });
    else if (row.facet === "place") {
      const [name, region, lat, lon] = row.key.split("|");
      if (name && lat && lon) {
        places.push({ name, regionCode: region || null, lat: Number(lat), lon: Number(lon), events: row.count });
      }
    }
  }
  // Ties broken down to the coordinates, so the same counts always list in the same order.
  places.sort(
    (a, b) =>
      b.events - a.events ||
      a.name.localeCompare(b.name) ||
      (a.regionCode ?? "").localeCompare(b.regionCode ?? "") ||
      a.lat - b.lat ||
      a.lon - b.lon,
  );
  return assembleStats(query, eventRows, articleRows, latestAt, {
    count,
    bySource: [...sources].map(([name, c]) => ({ source: name, ...c })),
    byClaim,
    series: { bucket: query.bucket ?? "week", points: series },
    places: places.slice(0, MAX_PLACES),
  });
}

// ---- SQL reference: plain GROUP BYs over the tables ----

async function latestProcessedAt(db: PrismaClient, filters: EventFilters): Promise<Date | null> {
  // Served by articles_processed_at_idx: newest first, stop at the first one in the window.
  const rows = await db.$queryRaw<{ processed_at: Date }[]>`
    SELECT processed_at FROM articles
    WHERE status = 'done' AND processed_at IS NOT NULL
      AND COALESCE(published_at, (received_at AT TIME ZONE 'UTC')::date)
          BETWEEN COALESCE(${filters.from ?? null}::date, '-infinity'::date)
              AND COALESCE(${filters.to ?? null}::date, 'infinity'::date)
    ORDER BY processed_at DESC
    LIMIT 1`;
  return rows[0]?.processed_at ?? null;
}

/** The day an event is counted on: its own (mentions) or its incident's start (incidents). */
const dayOf = (count: CountMode) => (count === "incidents" ? INCIDENT_DAY : EVENT_DAY_PARTS);

/** What one row of a count is: an event (mentions) or its incident, once (incidents). */
const countExpression = (count: CountMode) =>
  count === "incidents" ? Prisma.sql`count(DISTINCT ik)::int` : Prisma.sql`count(*)::int`;

/*
 * Every facet count, over two CTEs the query defines: `ev`, the events counted (ik: the incident they belong to,
 * region_code, type, claim, source, actor1_id, actor2_id, place_name, lat, lon), and `arts`, the articles counted
 * (id, source). Mentions count rows; incidents count distinct incidents, under 'i-' facet names.
 */
function facetCounts(count: CountMode): Prisma.Sql {
  const n = countExpression(count);
  const f = (facet: string) => (count === "incidents" ? `${INCIDENT_PREFIX}${facet}` : facet);
  return Prisma.sql`
  SELECT ${f("events")} AS facet, '' AS key, ${n} AS count FROM ev
  UNION ALL SELECT ${f("region")}, region_code, ${n} FROM ev WHERE region_code IS NOT NULL GROUP BY region_code
  UNION ALL SELECT ${f("type")}, type, ${n} FROM ev GROUP BY type
  UNION ALL SELECT ${f("claim")}, claim, ${n} FROM ev WHERE claim IS NOT NULL GROUP BY claim
  UNION ALL SELECT ${f("source")}, source, ${n} FROM ev WHERE source IS NOT NULL GROUP BY source
  UNION ALL
  SELECT ${f("actor")}, actor_id, ${n}
  FROM ev CROSS JOIN LATERAL (VALUES (actor1_id), (CASE WHEN actor2_id IS DISTINCT FROM actor1_id THEN actor2_id END))
    AS side(actor_id)
  WHERE actor_id IS NOT NULL GROUP BY actor_id
  UNION ALL
  SELECT ${f("place")}, place_name || '|' || COALESCE(region_code, '') || '|' || round(lat::numeric, 4)::text || '|'
                  || round(lon::numeric, 4)::text, ${n}
  FROM ev WHERE place_name IS NOT NULL AND lat IS NOT NULL AND lon IS NOT NULL GROUP BY 2
  UNION ALL SELECT 'articles', '', count(*)::int FROM arts
  UNION ALL SELECT 'article-source', source, count(*)::int FROM arts WHERE source IS NOT NULL GROUP BY source
  UNION ALL
  SELECT 'article-region', ar.region_code, count(*)::int
  FROM article_regions ar JOIN arts ON arts.id = ar.article_id WHERE ar.role = 'event' GROUP BY ar.region_code
  UNION ALL
  SELECT 'article-actor', aa.actor_id, count(*)::int
  FROM article_actors aa JOIN arts ON arts.id = aa.article_id GROUP BY aa.actor_id`;
}

/** The events matching the filters (window on their counted day), with their incident, over `events e JOIN articles a`. */
function countedEvents(filters: EventFilters, count: CountMode): Prisma.Sql {
  return Prisma.sql`
    SELECT COALESCE(e.incident_id, e.id) AS ik, e.article_id, e.region_code, e.type, e.actor1_id, e.actor2_id,
           e.claim_status::text AS claim, a.source, e.place_name, e.lat, e.lon, ${dayOf(count).sql} AS day
    FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN incidents i ON i.id = e.incident_id
    WHERE ${eventConditions(filters, dayOf(count))}`;
}

function liveSeries(db: PrismaClient, filters: EventFilters, bucket: "day" | "week", count: CountMode) {
  const day = bucket === "week" ? Prisma.sql`date_trunc('week', day)::date` : Prisma.sql`day`;
  const n = countExpression(count);
  return db.$queryRaw<SeriesRow[]>`
    SELECT to_char(${day}, 'YYYY-MM-DD') AS date, type, ${n} AS events
    FROM (${countedEvents(filters, count)}) ev
    GROUP BY 1, 2 ORDER BY 1, 2`;
}

async function liveLatest(db: PrismaClient, filters: EventFilters, count: CountMode): Promise<Date | null> {
  const rows = await db.$queryRaw<{ latest: Date | null }[]>`
    SELECT max(a.processed_at) AS latest
    FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN incidents i ON i.id = e.incident_id
    WHERE ${eventConditions(filters, dayOf(count))}`;
  return rows[0]?.latest ?? null;
}

/**
 * The stats counted by plain GROUP BYs over the tables: the reference the stats index is tested against, and the
 * benchmark's baseline. With event filters the articles counted are those of the matching events (an article counts
 * for a region or actor it mentions); with only a date window, every processed article of the window.
 */
export async function getStatsFromSql(db: PrismaClient, query: StatsQuery): Promise<StatsResponse> {
  const filters = pickFilters(query);
  const bucket = query.bucket ?? "week";
  const count = query.count ?? "incidents";
  const articles = hasEventFilters(filters)
    ? Prisma.sql`SELECT DISTINCT ev.article_id AS id, ev.source FROM ev`
    : Prisma.sql`SELECT a.id, a.source FROM articles a
        WHERE a.status = 'done' AND COALESCE(a.published_at, (a.received_at AT TIME ZONE 'UTC')::date)
          BETWEEN COALESCE(${filters.from ?? null}::date, '-infinity'::date)
              AND COALESCE(${filters.to ?? null}::date, 'infinity'::date)`;
  const [counts, series, latestAt] = await Promise.all([
    db.$queryRaw<KeyCount[]>`
      WITH ev AS MATERIALIZED (${countedEvents(filters, count)}),
      arts AS MATERIALIZED (${articles})
      ${facetCounts(count)}`,
    liveSeries(db, filters, bucket, count),
    hasEventFilters(filters) ? liveLatest(db, filters, count) : latestProcessedAt(db, filters),
  ]);
  return fromKeyCounts(counts, latestAt, query, series, count);
}

// ---- the stats index ----

// One index per database client, kept on globalThis so dev-mode hot reloads reuse it instead of loading again.
const holder = globalThis as typeof globalThis & { frontlineStatsIndexes?: WeakMap<PrismaClient, StatsIndex> };
/** An idle server still follows the change log this often, so its first request after a quiet spell is quick. */
const BACKGROUND_REFRESH_MS = 10_000;

/** The stats index of `db`, loading it on first use (instrumentation.ts starts that when the server boots). */
export function statsIndex(db: PrismaClient): StatsIndex {
  holder.frontlineStatsIndexes ??= new WeakMap();
  let index = holder.frontlineStatsIndexes.get(db);
  if (!index) {
    index = new StatsIndex(db, { refreshEveryMs: BACKGROUND_REFRESH_MS });
    holder.frontlineStatsIndexes.set(db, index);
  }
  return index;
}

/** Counts incidents unless the query asks for mentions. */
export async function getStats(db: PrismaClient, query: StatsQuery): Promise<StatsResponse> {
  return statsFromStore(await statsIndex(db).current(), query);
}

/** The stats of `query` as counted by a store (getStats with the store given: tests and tools hold their own). */
export function statsFromStore(store: StatsStore, query: StatsQuery): StatsResponse {
  const filters = pickFilters(query);
  const count = query.count ?? "incidents";
  const counted = store.count(
    {
      ...filters,
      from: filters.from === undefined ? undefined : dayNumber(filters.from),
      to: filters.to === undefined ? undefined : dayNumber(filters.to),
    },
    count,
    query.bucket ?? "week",
  );
  const latestAt = counted.latestAt === null ? null : new Date(counted.latestAt);
  return fromKeyCounts(counted.rows, latestAt, query, counted.series, count);
}
