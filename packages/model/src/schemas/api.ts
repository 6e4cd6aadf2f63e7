// The REST API's shapes that are not domain objects: error bodies, path parameters, and the events/export
// queries and pages. GET /api/events and GET /api/export are specified here ahead of the server (see the README).
import { z } from "zod";
import { ArticleStatus } from "./article.ts";
import { ClaimStatus, Event } from "./event.ts";
import { JobState } from "./job.ts";

/** Every error answer carries at least a human-readable message. */
export const ErrorResponse = z.object({
  error: z.string(),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** A 400 answer: the message plus zod's flattened issues, keyed by field (`z.flattenError`). */
export const ValidationErrorResponse = z.object({
  error: z.string(),
  fieldErrors: z.record(z.string(), z.array(z.string())),
  formErrors: z.array(z.string()),
});
export type ValidationErrorResponse = z.infer<typeof ValidationErrorResponse>;

/** Path parameter of GET /api/jobs/:id. A job's id is the id of its article. */
export const JobIdParams = z.object({
  id: z.uuid({ error: "id must be a UUID (the article id)" }),
});
export type JobIdParams = z.infer<typeof JobIdParams>;

/** The article an event came from, as GET /api/events and GET /api/export describe it (added in 0.2.x). */
export const EventArticleRef = z.object({
  title: z.string().nullable(),
  source: z.string().nullable(),
  url: z.string().nullable(),
  publishedAt: z.iso.date().nullable(),
});
export type EventArticleRef = z.infer<typeof EventArticleRef>;

/** A stored event: the enricher's Event plus its own id and the article it came from. */
export const EventRecord = Event.extend({
  id: z.string(),
  articleId: z.string(),
  /** The event's article (title, source, URL, publication date). Optional: older servers leave it out. */
  article: EventArticleRef.optional(),
});
export type EventRecord = z.infer<typeof EventRecord>;

/** Largest page GET /api/events returns. */
export const MAX_EVENTS_PAGE_SIZE = 500;

const isoDate = z.iso.date();
const slug = z.string().regex(/^[a-z0-9-]+$/, "must be an id such as ru-armed-forces or shelling");

/**
 * Filters shared by GET /api/stats, GET /api/events and GET /api/export; they combine with AND. Dates bound the
 * event's date, inclusive (an event without a date falls back to its article's publication, then receipt, date).
 */
export const eventFilterFields = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** ISO 3166-2 region code, e.g. UA-63. */
  region: z
    .string()
    .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, "region must be an ISO 3166-2 code such as UA-63")
    .optional(),
  /** Actor id from the actors taxonomy; matches actor1 or actor2. */
  actor: slug.optional(),
  /** Event type id from the event-types taxonomy. */
  type: slug.optional(),
  /** The article's source (outlet), matched exactly. */
  source: z.string().trim().min(1).max(200).optional(),
  /** How the event is asserted: reported, claimed, denied or contested. */
  claim: ClaimStatus.optional(),
};
const eventFilters = eventFilterFields;

/**
 * What a count counts. `incidents` (the default): events deduplicated into real-world incidents across articles and
 * outlets; an incident counts once, on the day it began, under every region, actor, type, claim, source and place of
 * its events. `mentions`: every event extracted from every article, on its own day (the same strike reported by two
 * outlets counts twice).
 */
export const CountMode = z.enum(["incidents", "mentions"]);
export type CountMode = z.infer<typeof CountMode>;

const windowInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;

/** Columns GET /api/events can sort by. `date` is the event's date (with the fallback the filters use). */
export const EventSort = z.enum(["date", "type", "region", "actor", "claim", "source", "confidence"]);
export type EventSort = z.infer<typeof EventSort>;
export const SortOrder = z.enum(["asc", "desc"]);
export type SortOrder = z.infer<typeof SortOrder>;

/** Query of GET /api/events. Query-string values are strings; `limit` and `page` are coerced. */
export const EventsQuery = z
  .object({
    ...eventFilters,
    limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE_SIZE).optional(),
    /** Opaque cursor from a previous page's `nextCursor`. */
    cursor: z.string().min(1).optional(),
    /** Sort column (default `date`) and order (default `desc`); ties break on the event id. */
    sort: EventSort.optional(),
    order: SortOrder.optional(),
    /** 1-based page number, an alternative to `cursor` (give one or the other). */
    page: z.coerce.number().int().min(1).max(1_000_000).optional(),
  })
  .refine(windowInOrder, { message: "from must not be after to", path: ["from"] })
  .refine((q) => q.cursor === undefined || q.page === undefined, {
    message: "give cursor or page, not both",
    path: ["page"],
  });
export type EventsQuery = z.infer<typeof EventsQuery>;

/** One page of GET /api/events, newest event date first. `nextCursor` is null on the last page. */
export const EventsPage = z.object({
  events: z.array(EventRecord),
  nextCursor: z.string().nullable(),
  /** Events matching the filters, over all pages. Optional: older servers leave it out. */
  total: z.number().int().nonnegative().optional(),
});
export type EventsPage = z.infer<typeof EventsPage>;

/**
 * ndjson: one EventRecord per line. csv: one row per event, a header row first. json: one JSON array of
 * EventRecords. acled: ACLED-compatible CSV (ACLED's columns and vocabularies; see ACLED_COLUMNS).
 */
export const ExportFormat = z.enum(["ndjson", "csv", "json", "acled"]);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** Query of GET /api/export: every event matching the filters, in one streamed download. */
/**
 * What a row of format=acled is: an incident (default; the events of several articles about one incident make one
 * row, with the incident's id, its deaths counted once and its number of sources) or a mention (one row per event).
 */
export const ExportUnit = z.enum(["incident", "mention"]);
export type ExportUnit = z.infer<typeof ExportUnit>;

export const ExportQuery = z
  .object({
    ...eventFilters,
    format: ExportFormat.optional(),
    unit: ExportUnit.optional(),
  })
  .refine(windowInOrder, { message: "from must not be after to", path: ["from"] });
export type ExportQuery = z.infer<typeof ExportQuery>;

/**
 * Columns format=acled adds after ACLED's own: the Frontline incident (or event, for unit=mention) a row stands for,
 * actor1's country (ISO 3166-1 alpha-2) and how many articles reported it.
 */
export const ACLED_EXTRA_COLUMNS = ["frontline_id", "actor1_country", "sources"] as const;

/** The columns of an ACLED-compatible export (format=acled), in ACLED's order. */
export const ACLED_COLUMNS = [
  "event_id_cnty",
  "event_date",
  "year",
  "time_precision",
  "disorder_type",
  "event_type",
  "sub_event_type",
  "actor1",
  "assoc_actor_1",
  "inter1",
  "actor2",
  "assoc_actor_2",
  "inter2",
  "interaction",
  "civilian_targeting",
  "iso",
  "region",
  "country",
  "admin1",
  "admin2",
  "admin3",
  "location",
  "latitude",
  "longitude",
  "geo_precision",
  "source",
  "source_scale",
  "notes",
  "fatalities",
  "tags",
  "timestamp",
] as const;

/** Query of GET /api/jobs: the most recent ingest jobs, newest first. */
export const JobsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  /** Only jobs in this state. */
  state: JobState.optional(),
});
export type JobsQuery = z.infer<typeof JobsQuery>;

/** One recent ingest job: BullMQ's state while Redis keeps the job, the article's status from Postgres always. */
export const JobSummary = z.object({
  id: z.string(),
  state: JobState,
  articleStatus: ArticleStatus,
  title: z.string().nullable(),
  source: z.string().nullable(),
  url: z.string().nullable(),
  /** What was submitted: text, url or html. */
  kind: z.enum(["text", "url", "html"]),
  failedReason: z.string().nullable(),
  events: z.number().int().nonnegative(),
  attempts: z.number().int().nonnegative(),
  receivedAt: z.iso.datetime(),
  processedAt: z.iso.datetime().nullable(),
});
export type JobSummary = z.infer<typeof JobSummary>;

export const JobsList = z.object({
  jobs: z.array(JobSummary),
  /** Counts per state among the queue's jobs (BullMQ), for a summary line. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
});
export type JobsList = z.infer<typeof JobsList>;

/** POST /api/jobs/:id/retry: the job was queued again (or already was waiting or running). */
export const RetryAccepted = z.object({
  jobId: z.string(),
  /** false when the job was already waiting or active, so nothing was re-queued. */
  requeued: z.boolean(),
  state: JobState,
});
export type RetryAccepted = z.infer<typeof RetryAccepted>;

/** POST /api/admin/reconcile: re-queue articles accepted at least `afterSeconds` ago whose job is gone or failed. */
export const ReconcileRequest = z.object({ afterSeconds: z.number().int().nonnegative().default(0) }).strict();
export type ReconcileRequest = z.infer<typeof ReconcileRequest>;

/** What the reconciler did (see reconcileIngest in @frontline/model/reconcile). */
export const ReconcileResult = z.object({
  checked: z.number().int().nonnegative(),
  requeued: z.number().int().nonnegative(),
  retried: z.number().int().nonnegative(),
  inFlight: z.number().int().nonnegative(),
});
export type ReconcileResult = z.infer<typeof ReconcileResult>;
