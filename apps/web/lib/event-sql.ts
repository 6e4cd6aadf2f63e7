// Server-only: the SQL of the shared filters, over `events e JOIN articles a`.
import "server-only";
import { Prisma } from "@frontline/model/db";
import type { EventFilters } from "./event-filters.ts";

/** A day that is `primary`, else `fallback` (COALESCE), kept in parts so a window on it can use `primary`'s index. */
export interface DayExpression {
  sql: Prisma.Sql;
  primary: Prisma.Sql;
  fallback: Prisma.Sql;
}

const ARTICLE_DAY = Prisma.sql`COALESCE(a.published_at, (a.received_at AT TIME ZONE 'UTC')::date)`;

/** An event's day: its own date, else its article's publication date, else the (UTC) date it was received. */
export const EVENT_DAY = Prisma.sql`COALESCE(e.date, ${ARTICLE_DAY})`;
export const EVENT_DAY_PARTS: DayExpression = { sql: EVENT_DAY, primary: Prisma.sql`e.date`, fallback: ARTICLE_DAY };

/**
 * The day an event's incident is counted on: the incident's start (`incidents i`, LEFT JOINed), else the event's
 * own day when it has no incident.
 */
export const INCIDENT_DAY: DayExpression = {
  sql: Prisma.sql`COALESCE(i.date_start, ${EVENT_DAY})`,
  primary: Prisma.sql`i.date_start`,
  fallback: EVENT_DAY,
};

/** `day` within [from, to], written as (primary in window) OR (primary IS NULL AND fallback in window). */
function inWindow(day: DayExpression, from?: string, to?: string): Prisma.Sql | null {
  if (!from && !to) return null;
  const bounds = (d: Prisma.Sql) =>
    Prisma.join(
      [...(from ? [Prisma.sql`${d} >= ${from}::date`] : []), ...(to ? [Prisma.sql`${d} <= ${to}::date`] : [])],
      " AND ",
    );
  return Prisma.sql`((${bounds(day.primary)}) OR (${day.primary} IS NULL AND ${bounds(day.fallback)}))`;
}

/**
 * `WHERE` conditions (without the keyword): processed articles only, then every given filter (AND). The date
 * window applies to `day` (the event's day unless told otherwise).
 */
export function eventConditions(f: EventFilters, day: DayExpression = EVENT_DAY_PARTS): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`a.status = 'done'`];
  const window = inWindow(day, f.from, f.to);
  if (window) parts.push(window);
  if (f.region) parts.push(Prisma.sql`e.region_code = ${f.region}`);
  if (f.actor) parts.push(Prisma.sql`(e.actor1_id = ${f.actor} OR e.actor2_id = ${f.actor})`);
  if (f.type) parts.push(Prisma.sql`e.type = ${f.type}`);
  if (f.source) parts.push(Prisma.sql`a.source = ${f.source}`);
  if (f.claim) parts.push(Prisma.sql`e.claim_status = ${f.claim}::"ClaimStatus"`);
  return Prisma.join(parts, " AND ");
}
