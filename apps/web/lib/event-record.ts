// Pure: a stored event row (as the events SQL selects it) → the API's EventRecord, names from the taxonomies.
import { type ActorRef, actorById, type EventRecord, regionByCode } from "@frontline/model";

export interface EventRow {
  id: string;
  article_id: string;
  type: string;
  acled_event_type: string;
  acled_sub_event_type: string;
  actor1_id: string | null;
  actor2_id: string | null;
  region_code: string | null;
  place_name: string | null;
  lat: number | null;
  lon: number | null;
  date: string | null;
  date_precision: string | null;
  claim_status: string | null;
  claim_by: string | null;
  claim_disputed_by?: string | null;
  quantities: unknown;
  evidence_text: string;
  evidence_start: number;
  evidence_end: number;
  confidence: number;
  title: string | null;
  source: string | null;
  url: string | null;
  published_at: string | null;
  processed_at: Date | null;
}

function actorRef(id: string | null): ActorRef | undefined {
  if (!id) return undefined;
  const actor = actorById(id);
  if (!actor) return { id, name: id, kind: "armed-group" };
  return {
    id: actor.id,
    name: actor.name,
    kind: actor.kind,
    ...(actor.country && { country: actor.country }),
    ...(actor.acledName && { acledName: actor.acledName }),
  };
}

export function toEventRecord(row: EventRow): EventRecord {
  const actor1 = actorRef(row.actor1_id);
  const actor2 = actorRef(row.actor2_id);
  const quantities = Array.isArray(row.quantities) ? (row.quantities as EventRecord["quantities"]) : undefined;
  return {
    id: row.id,
    articleId: row.article_id,
    type: row.type,
    acled: {
      eventType: row.acled_event_type as EventRecord["acled"]["eventType"],
      subEventType: row.acled_sub_event_type,
    },
    ...(actor1 && { actor1 }),
    ...(actor2 && { actor2 }),
    ...(row.region_code && {
      region: { code: row.region_code, name: regionByCode(row.region_code)?.name ?? row.region_code },
    }),
    ...(row.place_name &&
      row.lat !== null &&
      row.lon !== null && {
        place: {
          name: row.place_name,
          lat: row.lat,
          lon: row.lon,
          ...(row.region_code && { regionCode: row.region_code }),
        },
      }),
    ...(row.date && {
      date: { value: row.date, precision: (row.date_precision ?? "day") as "day" | "week" | "month" | "year" },
    }),
    ...(row.claim_status && {
      claim: {
        status: row.claim_status as "reported" | "claimed" | "denied" | "contested",
        ...(row.claim_by && { by: row.claim_by }),
        ...(row.claim_disputed_by && { disputedBy: row.claim_disputed_by }),
      },
    }),
    ...(quantities && quantities.length > 0 && { quantities }),
    evidence: { text: row.evidence_text, start: row.evidence_start, end: row.evidence_end },
    confidence: row.confidence,
    article: { title: row.title, source: row.source, url: row.url, publishedAt: row.published_at },
  };
}
