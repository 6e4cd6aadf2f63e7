// Server-only: GET /api/events and the events table — one sorted page of the events matching the filters.
import "server-only";
import { type EventSort, EventsPage, type EventsQuery, type SortOrder } from "@frontline/model";
import { Prisma, type PrismaClient } from "@frontline/model/db";
import { pickFilters } from "./event-filters.ts";
import { toEventRecord } from "./event-record.ts";
import { EVENT_DAY, eventConditions } from "./event-sql.ts";
import { decodeCursor, encodeCursor } from "./page-cursor.ts";

export const DEFAULT_EVENTS_PAGE_SIZE = 50;

const SORT_COLUMNS: Record<EventSort, Prisma.Sql> = {
  date: EVENT_DAY,
  type: Prisma.sql`e.type`,
  region: Prisma.sql`e.region_code`,
  actor: Prisma.sql`e.actor1_id`,
  claim: Prisma.sql`e.claim_status`,
  source: Prisma.sql`a.source`,
  confidence: Prisma.sql`e.confidence`,
};

/** The columns every event query selects, named as EventRow expects. */
export const EVENT_COLUMNS = Prisma.sql`
  e.id, e.article_id, e.type, e.acled_event_type, e.acled_sub_event_type, e.actor1_id, e.actor2_id, e.region_code,
  e.place_name, e.lat, e.lon, to_char(e.date, 'YYYY-MM-DD') AS date, e.date_precision::text AS date_precision,
  e.claim_status::text AS claim_status, e.claim_by, e.claim_disputed_by, e.quantities, e.evidence_text, e.evidence_start, e.evidence_end,
  e.confidence, a.title, a.source, a.url, to_char(a.published_at, 'YYYY-MM-DD') AS published_at, a.processed_at`;

export function orderBy(sort: EventSort = "date", order: SortOrder = "desc"): Prisma.Sql {
  const direction = order === "asc" ? Prisma.sql`ASC NULLS FIRST` : Prisma.sql`DESC NULLS LAST`;
  const idDirection = order === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  return Prisma.sql`${SORT_COLUMNS[sort]} ${direction}, e.id ${idDirection}`;
}

export class BadCursorError extends Error {
  override name = "BadCursorError";
}

export async function listEvents(db: PrismaClient, query: EventsQuery): Promise<EventsPage> {
  const limit = query.limit ?? DEFAULT_EVENTS_PAGE_SIZE;
  let offset = 0;
  if (query.cursor) {
    const decoded = decodeCursor(query.cursor);
    if (decoded === null) throw new BadCursorError("cursor is not one this API gave out");
    offset = decoded;
  } else if (query.page) {
    offset = (query.page - 1) * limit;
  }
  const where = eventConditions(pickFilters(query));
  const [rows, total] = await Promise.all([
    db.$queryRaw<Parameters<typeof toEventRecord>[0][]>`
      SELECT ${EVENT_COLUMNS}
      FROM events e JOIN articles a ON a.id = e.article_id
      WHERE ${where}
      ORDER BY ${orderBy(query.sort, query.order)}
      LIMIT ${limit + 1} OFFSET ${offset}`,
    db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM events e JOIN articles a ON a.id = e.article_id WHERE ${where}`,
  ]);
  const more = rows.length > limit;
  return EventsPage.parse({
    events: rows.slice(0, limit).map(toEventRecord),
    nextCursor: more ? encodeCursor(offset + limit) : null,
    total: total[0]?.n ?? 0,
  });
}
