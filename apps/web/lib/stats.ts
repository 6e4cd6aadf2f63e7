// Server-only: the dashboard's and GET /api/stats's aggregate counts.
//
// Without event filters (only a date window) the counts come from the stats_rollup table (whole months from the
// monthly grain, edge days from the daily grain), which triggers keep in step with the events: a few thousand rows
// at most, whatever the number of events. With a region/actor/type/source/claim filter they are counted live from
// events (the filter columns are indexed).
import "server-only";
import type { StatsQuery, StatsResponse } from "@frontline/model";
import { Prisma, type PrismaClient } from "@frontline/model/db";
import { type EventFilters, hasEventFilters, pickFilters } from "./event-filters.ts";
import { EVENT_DAY, eventConditions } from "./event-sql.ts";
import { rollupRanges } from "./rollup-ranges.ts";
import { assembleStats, type FacetCountRow, type StatsExtras } from "./stats-assemble.ts";

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

function fromKeyCounts(rows: KeyCount[], latestAt: Date | null, query: StatsQuery, series: SeriesRow[]) {
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
  for (const row of rows) {
    if (row.count <= 0) continue;
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
  places.sort((a, b) => b.events - a.events || a.name.localeCompare(b.name));
  return assembleStats(query, eventRows, articleRows, latestAt, {
    count: "mentions",
    bySource: [...sources].map(([name, c]) => ({ source: name, ...c })),
    byClaim,
    series: { bucket: query.bucket ?? "week", points: series },
    places: places.slice(0, MAX_PLACES),
  });
}

// ---- rollup path (date window only) ----

function rollupCounts(db: PrismaClient, filters: EventFilters) {
  const ranges = rollupRanges(filters.from, filters.to);
  const parts: Prisma.Sql[] = [];
  if (ranges.months) {
    const { start, end } = ranges.months;
    parts.push(Prisma.sql`(grain = 'm'
      AND day >= COALESCE(${start}::date, '-infinity'::date) AND day < COALESCE(${end}::date, 'infinity'::date))`);
  }
  for (const { from, to } of ranges.days) {
    parts.push(Prisma.sql`(grain = 'd'
      AND day >= COALESCE(${from}::date, '-infinity'::date) AND day <= COALESCE(${to}::date, 'infinity'::date))`);
  }
  return db.$queryRaw<KeyCount[]>`
    SELECT facet, key, sum(count)::int AS count FROM stats_rollup
    WHERE ${Prisma.join(parts, " OR ")}
    GROUP BY facet, key`;
}

function rollupSeries(db: PrismaClient, filters: EventFilters, bucket: "day" | "week") {
  const day = bucket === "week" ? Prisma.sql`date_trunc('week', day)::date` : Prisma.sql`day`;
  return db.$queryRaw<SeriesRow[]>`
    SELECT to_char(${day}, 'YYYY-MM-DD') AS date, key AS type, sum(count)::int AS events FROM stats_rollup
    WHERE grain = 'd' AND facet = 'type'
      AND day >= COALESCE(${filters.from ?? null}::date, '-infinity'::date)
      AND day <= COALESCE(${filters.to ?? null}::date, 'infinity'::date)
    GROUP BY 1, 2 HAVING sum(count) > 0 ORDER BY 1, 2`;
}

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

// ---- live path (event filters) ----

/*
 * Every facet count, over two CTEs the query defines: `ev`, the events counted (region_code, type, claim, source,
 * actor1_id, actor2_id, place_name, lat, lon), and `arts`, the articles counted (id, source).
 */
const FACET_COUNTS = Prisma.sql`
  SELECT 'events' AS facet, '' AS key, count(*)::int AS count FROM ev
  UNION ALL SELECT 'region', region_code, count(*)::int FROM ev WHERE region_code IS NOT NULL GROUP BY region_code
  UNION ALL SELECT 'type', type, count(*)::int FROM ev GROUP BY type
  UNION ALL SELECT 'claim', claim, count(*)::int FROM ev WHERE claim IS NOT NULL GROUP BY claim
  UNION ALL SELECT 'source', source, count(*)::int FROM ev WHERE source IS NOT NULL GROUP BY source
  UNION ALL
  SELECT 'actor', actor_id, count(*)::int
  FROM ev CROSS JOIN LATERAL (VALUES (actor1_id), (CASE WHEN actor2_id IS DISTINCT FROM actor1_id THEN actor2_id END))
    AS side(actor_id)
  WHERE actor_id IS NOT NULL GROUP BY actor_id
  UNION ALL
  SELECT 'place', place_name || '|' || COALESCE(region_code, '') || '|' || round(lat::numeric, 4)::text || '|'
                  || round(lon::numeric, 4)::text, count(*)::int
  FROM ev WHERE place_name IS NOT NULL AND lat IS NOT NULL AND lon IS NOT NULL GROUP BY 2
  UNION ALL SELECT 'articles', '', count(*)::int FROM arts
  UNION ALL SELECT 'article-source', source, count(*)::int FROM arts WHERE source IS NOT NULL GROUP BY source
  UNION ALL
  SELECT 'article-region', ar.region_code, count(*)::int
  FROM article_regions ar JOIN arts ON arts.id = ar.article_id GROUP BY ar.region_code
  UNION ALL
  SELECT 'article-actor', aa.actor_id, count(*)::int
  FROM article_actors aa JOIN arts ON arts.id = aa.article_id GROUP BY aa.actor_id`;

/*
 * With event filters, the events counted are those matching every filter; the articles counted are the articles
 * of those events (an article counts for a region or actor it mentions). latestAt is the newest of those articles.
 */
function liveCounts(db: PrismaClient, filters: EventFilters) {
  return db.$queryRaw<KeyCount[]>`
    WITH ev AS MATERIALIZED (
      SELECT e.article_id, e.region_code, e.type, e.actor1_id, e.actor2_id, e.claim_status::text AS claim,
             a.source, e.place_name, e.lat, e.lon
      FROM events e JOIN articles a ON a.id = e.article_id
      WHERE ${eventConditions(filters)}
    ), arts AS (SELECT DISTINCT article_id AS id, source FROM ev)
    ${FACET_COUNTS}`;
}

function liveSeries(db: PrismaClient, filters: EventFilters, bucket: "day" | "week") {
  const day = bucket === "week" ? Prisma.sql`date_trunc('week', ${EVENT_DAY})::date` : EVENT_DAY;
  return db.$queryRaw<SeriesRow[]>`
    SELECT to_char(${day}, 'YYYY-MM-DD') AS date, e.type, count(*)::int AS events
    FROM events e JOIN articles a ON a.id = e.article_id
    WHERE ${eventConditions(filters)}
    GROUP BY 1, 2 ORDER BY 1, 2`;
}

async function liveLatest(db: PrismaClient, filters: EventFilters): Promise<Date | null> {
  const rows = await db.$queryRaw<{ latest: Date | null }[]>`
    SELECT max(a.processed_at) AS latest FROM events e JOIN articles a ON a.id = e.article_id
    WHERE ${eventConditions(filters)}`;
  return rows[0]?.latest ?? null;
}

/** Counts mentions (every extracted event). Incidents are refused by the route before this is called. */
export async function getStats(db: PrismaClient, query: StatsQuery): Promise<StatsResponse> {
  const filters = pickFilters(query);
  const bucket = query.bucket ?? "week";
  const live = hasEventFilters(filters);
  const [counts, series, latestAt] = await Promise.all([
    live ? liveCounts(db, filters) : rollupCounts(db, filters),
    live ? liveSeries(db, filters, bucket) : rollupSeries(db, filters, bucket),
    live ? liveLatest(db, filters) : latestProcessedAt(db, filters),
  ]);
  return fromKeyCounts(counts, latestAt, query, series);
}

/**
 * The same counts as getStats computed with plain GROUP BYs over events and articles, never the rollup: the
 * benchmark's baseline and the tests' check that the rollup agrees with the data.
 */
export async function getStatsWithoutRollup(db: PrismaClient, query: StatsQuery): Promise<StatsResponse> {
  const filters = pickFilters(query);
  const bucket = query.bucket ?? "week";
  if (hasEventFilters(filters)) return getStats(db, query);
  const [counts, series, latestAt] = await Promise.all([
    db.$queryRaw<KeyCount[]>`
      WITH ev AS MATERIALIZED (
        SELECT e.region_code, e.type, e.actor1_id, e.actor2_id, e.claim_status::text AS claim, a.source,
               e.place_name, e.lat, e.lon
        FROM events e JOIN articles a ON a.id = e.article_id WHERE ${eventConditions(filters)}
      ), arts AS MATERIALIZED (
        SELECT a.id, a.source FROM articles a
        WHERE a.status = 'done' AND COALESCE(a.published_at, (a.received_at AT TIME ZONE 'UTC')::date)
          BETWEEN COALESCE(${filters.from ?? null}::date, '-infinity'::date)
              AND COALESCE(${filters.to ?? null}::date, 'infinity'::date)
      )
      ${FACET_COUNTS}`,
    liveSeries(db, filters, bucket),
    latestProcessedAt(db, filters),
  ]);
  return fromKeyCounts(counts, latestAt, query, series);
}
