// Server-only: the dashboard's and GET /api/stats's aggregate counts, straight from Postgres.
import "server-only";
import type { StatsQuery, StatsResponse } from "@frontline/model";
import { Prisma, type PrismaClient } from "@frontline/model/db";
import { assembleStats, type FacetCountRow } from "./stats-assemble.ts";

/*
 * The window rule (documented in README): an event is in [from, to] when its own date is, falling back to its
 * article's published_at and then the UTC date the article was received. An article is in the window when its
 * published_at (else received date) is. Only articles whose processing is done count, with their events.
 * Missing bounds are open: -infinity / infinity.
 */
const bounds = (query: StatsQuery) => ({
  from: Prisma.sql`COALESCE(${query.from ?? null}::date, '-infinity'::date)`,
  to: Prisma.sql`COALESCE(${query.to ?? null}::date, 'infinity'::date)`,
});

function countEvents(db: PrismaClient, query: StatsQuery) {
  const { from, to } = bounds(query);
  return db.$queryRaw<FacetCountRow[]>`
    WITH windowed AS (
      SELECT e.id, e.type, e.region_code, e.actor1_id, e.actor2_id
      FROM events e
      JOIN articles a ON a.id = e.article_id
      WHERE a.status = 'done'
        AND COALESCE(e.date, a.published_at, (a.received_at AT TIME ZONE 'UTC')::date) BETWEEN ${from} AND ${to}
    )
    SELECT 'total' AS facet, NULL AS key, count(*)::int AS count FROM windowed
    UNION ALL
    SELECT 'region', region_code, count(*)::int FROM windowed WHERE region_code IS NOT NULL GROUP BY region_code
    UNION ALL
    SELECT 'type', type, count(*)::int FROM windowed GROUP BY type
    UNION ALL
    -- An event counts once for each distinct actor on it, whether as actor1 or actor2.
    SELECT 'actor', actor_id, count(DISTINCT id)::int
    FROM windowed CROSS JOIN LATERAL (VALUES (actor1_id), (actor2_id)) AS side(actor_id)
    WHERE actor_id IS NOT NULL
    GROUP BY actor_id`;
}

function countArticles(db: PrismaClient, query: StatsQuery) {
  const { from, to } = bounds(query);
  return db.$queryRaw<FacetCountRow[]>`
    WITH windowed AS (
      SELECT a.id FROM articles a
      WHERE a.status = 'done'
        AND COALESCE(a.published_at, (a.received_at AT TIME ZONE 'UTC')::date) BETWEEN ${from} AND ${to}
    )
    SELECT 'total' AS facet, NULL AS key, count(*)::int AS count FROM windowed
    UNION ALL
    SELECT 'region', ar.region_code, count(*)::int
    FROM article_regions ar JOIN windowed w ON w.id = ar.article_id GROUP BY ar.region_code
    UNION ALL
    SELECT 'actor', aa.actor_id, count(*)::int
    FROM article_actors aa JOIN windowed w ON w.id = aa.article_id GROUP BY aa.actor_id`;
}

async function latestProcessedAt(db: PrismaClient, query: StatsQuery): Promise<Date | null> {
  const { from, to } = bounds(query);
  // Served by articles_processed_at_idx: newest first, stop at the first one in the window.
  const rows = await db.$queryRaw<{ processed_at: Date }[]>`
    SELECT processed_at FROM articles
    WHERE status = 'done' AND processed_at IS NOT NULL
      AND COALESCE(published_at, (received_at AT TIME ZONE 'UTC')::date) BETWEEN ${from} AND ${to}
    ORDER BY processed_at DESC
    LIMIT 1`;
  return rows[0]?.processed_at ?? null;
}

export async function getStats(db: PrismaClient, query: StatsQuery): Promise<StatsResponse> {
  const [eventRows, articleRows, latestAt] = await Promise.all([
    countEvents(db, query),
    countArticles(db, query),
    latestProcessedAt(db, query),
  ]);
  return assembleStats(query, eventRows, articleRows, latestAt);
}
