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
 * Incidents whose date range [date_start, date_end] overlaps the window and that have at least one event from an
 * article whose processing is done. Facets: total, region (the incident's region), type (incidents with at least one
 * event of that type) and actor (incidents with that actor as actor 1 or 2 of any of their events), each counted
 * once per incident.
 */
export function countIncidentFacets(db: PrismaClient, window: IncidentWindow = {}): Promise<IncidentFacetRow[]> {
  const from = Prisma.sql`COALESCE(${window.from ?? null}::date, '-infinity'::date)`;
  const to = Prisma.sql`COALESCE(${window.to ?? null}::date, 'infinity'::date)`;
  return db.$queryRaw<IncidentFacetRow[]>`
    WITH counted_events AS (
      SELECT e.incident_id, e.type, e.actor1_id, e.actor2_id
      FROM events e
      JOIN articles a ON a.id = e.article_id
      JOIN incidents i ON i.id = e.incident_id
      WHERE a.status = 'done' AND i.date_start <= ${to} AND i.date_end >= ${from}
    ),
    counted AS (
      SELECT i.id, i.region_code FROM incidents i WHERE i.id IN (SELECT incident_id FROM counted_events)
    )
    SELECT 'total' AS facet, NULL AS key, count(*)::int AS count FROM counted
    UNION ALL
    SELECT 'region', region_code, count(*)::int FROM counted WHERE region_code IS NOT NULL GROUP BY region_code
    UNION ALL
    SELECT 'type', type, count(DISTINCT incident_id)::int FROM counted_events GROUP BY type
    UNION ALL
    SELECT 'actor', actor_id, count(DISTINCT incident_id)::int
    FROM counted_events CROSS JOIN LATERAL (VALUES (actor1_id), (actor2_id)) AS side(actor_id)
    WHERE actor_id IS NOT NULL
    GROUP BY actor_id`;
}
