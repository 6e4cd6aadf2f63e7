// Server-only: the SQL of the shared filters, over `events e JOIN articles a`.
import "server-only";
import { Prisma } from "@frontline/model/db";
import type { EventFilters } from "./event-filters.ts";

/** An event's day: its own date, else its article's publication date, else the (UTC) date it was received. */
export const EVENT_DAY = Prisma.sql`COALESCE(e.date, a.published_at, (a.received_at AT TIME ZONE 'UTC')::date)`;

/**
 * The day an event's incident is counted on: the incident's start (`incidents i`, LEFT JOINed), else the event's
 * own day when it has no incident.
 */
export const INCIDENT_DAY = Prisma.sql`COALESCE(i.date_start, e.date, a.published_at, (a.received_at AT TIME ZONE 'UTC')::date)`;

/**
 * `WHERE` conditions (without the keyword): processed articles only, then every given filter (AND). The date
 * window applies to `day` (the event's day unless told otherwise).
 */
export function eventConditions(f: EventFilters, day: Prisma.Sql = EVENT_DAY): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`a.status = 'done'`];
  if (f.from) parts.push(Prisma.sql`${day} >= ${f.from}::date`);
  if (f.to) parts.push(Prisma.sql`${day} <= ${f.to}::date`);
  if (f.region) parts.push(Prisma.sql`e.region_code = ${f.region}`);
  if (f.actor) parts.push(Prisma.sql`(e.actor1_id = ${f.actor} OR e.actor2_id = ${f.actor})`);
  if (f.type) parts.push(Prisma.sql`e.type = ${f.type}`);
  if (f.source) parts.push(Prisma.sql`a.source = ${f.source}`);
  if (f.claim) parts.push(Prisma.sql`e.claim_status = ${f.claim}::"ClaimStatus"`);
  return Prisma.join(parts, " AND ");
}
