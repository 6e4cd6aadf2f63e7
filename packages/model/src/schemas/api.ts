// The REST API's shapes that are not domain objects: error bodies, path parameters, and the events/export
// queries and pages. GET /api/events and GET /api/export are specified here ahead of the server (see the README).
import { z } from "zod";
import { Event } from "./event.ts";

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

/** A stored event: the enricher's Event plus its own id and the article it came from. */
export const EventRecord = Event.extend({
  id: z.string(),
  articleId: z.string(),
});
export type EventRecord = z.infer<typeof EventRecord>;

/** Largest page GET /api/events returns. */
export const MAX_EVENTS_PAGE_SIZE = 500;

const isoDate = z.iso.date();
const slug = z.string().regex(/^[a-z0-9-]+$/, "must be an id such as ru-armed-forces or shelling");

/** Filters shared by GET /api/events and GET /api/export. Dates bound the event date, inclusive. */
const eventFilters = {
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
};

const windowInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;

/** Query of GET /api/events (not served yet). Query-string values are strings; `limit` is coerced. */
export const EventsQuery = z
  .object({
    ...eventFilters,
    limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE_SIZE).optional(),
    /** Opaque cursor from a previous page's `nextCursor`. */
    cursor: z.string().min(1).optional(),
  })
  .refine(windowInOrder, { message: "from must not be after to", path: ["from"] });
export type EventsQuery = z.infer<typeof EventsQuery>;

/** One page of GET /api/events, newest event date first. `nextCursor` is null on the last page. */
export const EventsPage = z.object({
  events: z.array(EventRecord),
  nextCursor: z.string().nullable(),
});
export type EventsPage = z.infer<typeof EventsPage>;

/** ndjson: one EventRecord per line. csv: one row per event, a header row first. */
export const ExportFormat = z.enum(["ndjson", "csv"]);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** Query of GET /api/export (not served yet): every event matching the filters, in one download. */
export const ExportQuery = z
  .object({
    ...eventFilters,
    format: ExportFormat.optional(),
  })
  .refine(windowInOrder, { message: "from must not be after to", path: ["from"] });
export type ExportQuery = z.infer<typeof ExportQuery>;
