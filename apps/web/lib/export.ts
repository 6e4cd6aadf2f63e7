// Server-only: GET /api/export — every event matching the filters, streamed in batches (keyset pagination on
// (event day, id), newest first), as ndjson, a JSON array, CSV or ACLED-compatible CSV.
import "server-only";
import {
  ACLED_COLUMNS,
  ACLED_EXTRA_COLUMNS,
  type EventRecord,
  type ExportFormat,
  type ExportUnit,
  eventTypeById,
} from "@frontline/model";
import { Prisma, type PrismaClient } from "@frontline/model/db";
import { toAcledRow } from "./acled.ts";
import { csvRow } from "./csv.ts";
import type { EventFilters } from "./event-filters.ts";
import { type EventRow, toEventRecord } from "./event-record.ts";
import { EVENT_DAY, eventConditions } from "./event-sql.ts";
import { EVENT_COLUMNS } from "./events.ts";

const BATCH = 2_000;

export const CSV_COLUMNS = [
  "id",
  "date",
  "date_precision",
  "type",
  "type_label",
  "acled_event_type",
  "acled_sub_event_type",
  "actor1_id",
  "actor1",
  "actor2_id",
  "actor2",
  "region_code",
  "region",
  "place",
  "lat",
  "lon",
  "claim_status",
  "claim_by",
  "quantities",
  "evidence",
  "evidence_start",
  "evidence_end",
  "confidence",
  "article_id",
  "article_title",
  "source",
  "url",
  "published_at",
] as const;

function csvValues(e: EventRecord, day: string): unknown[] {
  return [
    e.id,
    day,
    e.date?.precision ?? "",
    e.type,
    eventTypeById(e.type)?.label ?? e.type,
    e.acled.eventType,
    e.acled.subEventType,
    e.actor1?.id,
    e.actor1?.name,
    e.actor2?.id,
    e.actor2?.name,
    e.region?.code,
    e.region?.name,
    e.place?.name,
    e.place?.lat,
    e.place?.lon,
    e.claim?.status,
    e.claim?.by,
    e.quantities?.map((q) => `${q.value} ${q.unit}`).join("; "),
    e.evidence.text,
    e.evidence.start,
    e.evidence.end,
    e.confidence,
    e.articleId,
    e.article?.title,
    e.article?.source,
    e.article?.url,
    e.article?.publishedAt,
  ];
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  ndjson: "application/x-ndjson; charset=utf-8",
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  acled: "text/csv; charset=utf-8",
};
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  ndjson: "ndjson",
  json: "json",
  csv: "csv",
  acled: "acled.csv",
};

type BatchRow = EventRow & {
  event_day: string;
  /** Set on incident rows: the incident (or the lone event's id), its deaths, civilian targeting and sources. */
  ik?: string;
  incident_fatalities?: number;
  incident_civilians?: boolean;
  incident_sources?: number;
};

/** The deaths an event reports, in SQL over its quantities (as eventFatalities does in acled.ts). */
const EVENT_KILLED = Prisma.sql`COALESCE((
  SELECT sum((q->>'value')::float8) FROM jsonb_array_elements(
    CASE WHEN jsonb_typeof(e.quantities) = 'array' THEN e.quantities ELSE '[]'::jsonb END) q
  WHERE q->>'unit' = 'killed'), 0)`;

/**
 * One row per incident (an event with no incident is one of its own): its most confident event of the incident's own
 * type stands for it, with the incident's deaths counted once (the largest count any report gives), whether any report has
 * civilians as the target, and the number of articles. Keyset pagination on (day, incident).
 */
async function* incidentBatches(db: PrismaClient, filters: EventFilters): AsyncGenerator<BatchRow[]> {
  let after: { day: string; ik: string } | null = null;
  const where = eventConditions(filters);
  for (;;) {
    const keyset: Prisma.Sql = after
      ? Prisma.sql`WHERE (rep.incident_day, rep.ik) < (${after.day}::date, ${after.ik}::uuid)`
      : Prisma.empty;
    const rows: BatchRow[] = await db.$queryRaw<BatchRow[]>`
      WITH ev AS (
        SELECT ${EVENT_COLUMNS}, COALESCE(e.incident_id, e.id) AS ik, ${EVENT_DAY} AS day, ${EVENT_KILLED} AS killed,
          (i.type IS NULL OR i.type = e.type) AS of_incident_type
        FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN incidents i ON i.id = e.incident_id
        WHERE ${where}
      ),
      agg AS (
        SELECT ik, max(killed) AS fatalities, count(DISTINCT article_id)::int AS sources,
          bool_or(acled_event_type = 'Violence against civilians' OR actor2_id LIKE 'civilians-%') AS civilians,
          min(day) AS day
        FROM ev GROUP BY ik
      ),
      rep AS (
        SELECT DISTINCT ON (ev.ik) ev.*, agg.fatalities, agg.sources, agg.civilians, agg.day AS incident_day
        FROM ev JOIN agg ON agg.ik = ev.ik
        ORDER BY ev.ik, ev.of_incident_type DESC, ev.confidence DESC, ev.id
      )
      SELECT rep.*, to_char(rep.incident_day, 'YYYY-MM-DD') AS event_day, rep.ik::text AS ik,
        rep.fatalities::float8 AS incident_fatalities, rep.civilians AS incident_civilians,
        rep.sources AS incident_sources
      FROM rep ${keyset}
      ORDER BY rep.incident_day DESC, rep.ik DESC
      LIMIT ${BATCH}`;
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < BATCH) return;
    const last = rows[rows.length - 1]!;
    after = { day: last.event_day, ik: last.ik! };
  }
}

async function* batches(db: PrismaClient, filters: EventFilters): AsyncGenerator<BatchRow[]> {
  let after: { day: string; id: string } | null = null;
  const where = eventConditions(filters);
  for (;;) {
    const keyset: Prisma.Sql = after
      ? Prisma.sql`AND (${EVENT_DAY}, e.id) < (${after.day}::date, ${after.id}::uuid)`
      : Prisma.empty;
    const rows: BatchRow[] = await db.$queryRaw<BatchRow[]>`
      SELECT ${EVENT_COLUMNS}, to_char(${EVENT_DAY}, 'YYYY-MM-DD') AS event_day
      FROM events e JOIN articles a ON a.id = e.article_id
      WHERE ${where} ${keyset}
      ORDER BY ${EVENT_DAY} DESC, e.id DESC
      LIMIT ${BATCH}`;
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < BATCH) return;
    const last = rows[rows.length - 1]!;
    after = { day: last.event_day, id: last.id };
  }
}

/** The export as a byte stream; the database is read a batch at a time, as the client reads. */
export function exportStream(
  db: PrismaClient,
  filters: EventFilters,
  format: ExportFormat,
  unit: ExportUnit = "incident",
): ReadableStream<Uint8Array> {
  const byIncident = format === "acled" && unit === "incident";
  const encoder = new TextEncoder();
  let source: AsyncGenerator<BatchRow[]> | undefined;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!source) {
        source = byIncident ? incidentBatches(db, filters) : batches(db, filters);
        if (format === "csv") controller.enqueue(encoder.encode(csvRow(CSV_COLUMNS)));
        if (format === "acled") controller.enqueue(encoder.encode(csvRow([...ACLED_COLUMNS, ...ACLED_EXTRA_COLUMNS])));
        if (format === "json") controller.enqueue(encoder.encode("["));
      }
      const next = await source.next();
      if (next.done) {
        if (format === "json") controller.enqueue(encoder.encode("]\n"));
        controller.close();
        return;
      }
      let chunk = "";
      for (const row of next.value) {
        const record = toEventRecord(row);
        if (format === "ndjson") chunk += `${JSON.stringify(record)}\n`;
        else if (format === "json") {
          chunk += `${first ? "" : ","}\n${JSON.stringify(record)}`;
          first = false;
        } else if (format === "csv") chunk += csvRow(csvValues(record, row.event_day));
        else {
          const incident =
            row.ik !== undefined
              ? {
                  id: row.ik,
                  fatalities: Number(row.incident_fatalities ?? 0),
                  civilianTargeting: Boolean(row.incident_civilians),
                  sources: Number(row.incident_sources ?? 1),
                }
              : undefined;
          chunk += csvRow(
            toAcledRow(record, {
              eventDay: row.event_day,
              processedAt: row.processed_at,
              ...(incident && { incident }),
            }),
          );
        }
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await source?.return(undefined);
    },
  });
}
