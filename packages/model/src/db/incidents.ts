// Server-only: counts of incidents (deduplicated events) for /api/stats?count=incidents and the dashboard.
// An incident merges the events of every article and story that describe one real-world incident; counting
// incidents instead of events (mentions) is what keeps ten reports of one strike from counting ten times.
import { Prisma, type PrismaClient } from "./client.ts";

/** One counted key of one facet ("total" has key null): the same shape as the events ("mentions") facet rows. */
export interface IncidentFacetRow {
  facet: "total" | "region" | "actor" | "type";
  key: string | null;
  count: number;
}

export interface IncidentWindow {
  /** Inclusive YYYY-MM-DD bounds; absent means open. */
  from?: string;
  to?: string;
}

/**
 * Incidents by the rule the stats use: an incident counts while at least one of its events comes from a processed
 * article; it is dated by its start (the window applies to that day); it counts once in the total and once under
 * every region, type and actor (1 or 2) of those events. An event without an incident counts as one of its own.
 * A plain query over the tables (no rollup): a reference for tests and scripts.
 */
export function countIncidentFacets(db: PrismaClient, window: IncidentWindow = {}): Promise<IncidentFacetRow[]> {
  const from = Prisma.sql`COALESCE(${window.from ?? null}::date, '-infinity'::date)`;
  const to = Prisma.sql`COALESCE(${window.to ?? null}::date, 'infinity'::date)`;
  return db.$queryRaw<IncidentFacetRow[]>`
    WITH counted AS MATERIALIZED (
      SELECT COALESCE(e.incident_id, e.id) AS ik, e.region_code, e.type, e.actor1_id, e.actor2_id
      FROM events e
      JOIN articles a ON a.id = e.article_id
      LEFT JOIN incidents i ON i.id = e.incident_id
      WHERE a.status = 'done'
        AND COALESCE(i.date_start, e.date, a.published_at, (a.received_at AT TIME ZONE 'UTC')::date) BETWEEN ${from} AND ${to}
    )
    SELECT 'total' AS facet, NULL AS key, count(DISTINCT ik)::int AS count FROM counted
    UNION ALL
    SELECT 'region', region_code, count(DISTINCT ik)::int FROM counted WHERE region_code IS NOT NULL GROUP BY region_code
    UNION ALL
    SELECT 'type', type, count(DISTINCT ik)::int FROM counted GROUP BY type
    UNION ALL
    SELECT 'actor', actor_id, count(DISTINCT ik)::int
    FROM counted CROSS JOIN LATERAL (VALUES (actor1_id), (actor2_id)) AS side(actor_id)
    WHERE actor_id IS NOT NULL
    GROUP BY actor_id`;
}
