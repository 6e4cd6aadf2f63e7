// @frontline/model/openapi: the REST API's OpenAPI 3.1 document, generated from the same zod schemas the server
// validates with and the client checks answers against. Nothing here is written by hand but prose.
import { z } from "zod";
import { createDocument, type oas31, type ZodOpenApiOperationObject, type ZodOpenApiResponseObject } from "zod-openapi";
import {
  ACLED_COLUMNS,
  ErrorResponse,
  EventRecord,
  EventsPage,
  EventsQuery,
  ExportQuery,
  JobIdParams,
  JobsList,
  JobsQuery,
  ReconcileRequest,
  ReconcileResult,
  RetryAccepted,
  ValidationErrorResponse,
} from "../schemas/api.ts";
import { FeedCreate, FeedIdParams, FeedList, FeedView } from "../schemas/feed.ts";
import { IngestAccepted, IngestQueueUnavailable, IngestRequest, MAX_INGEST_BYTES } from "../schemas/ingest.ts";
import { JobStatus } from "../schemas/job.ts";
import { StatsQuery, StatsResponse } from "../schemas/stats.ts";
import { SCHEMA_VERSION } from "../version.ts";

export interface OpenApiDocumentOptions {
  /** Base URLs listed under `servers`, e.g. ["https://frontline.example.org"]. Default: none (same origin). */
  servers?: string[];
  /**
   * Include operations the server does not implement yet, marked `x-frontline-status: planned`. Default false:
   * the document describes what the API serves today. (None are planned at the moment: GET /api/events and
   * GET /api/export, once planned, are served.)
   */
  includePlanned?: boolean;
}

/** Operation ids of the endpoints the API serves today, and of those specified ahead of the server. */
export const IMPLEMENTED_OPERATIONS = [
  "ingestArticle",
  "getJob",
  "listJobs",
  "retryJob",
  "getStats",
  "listEvents",
  "exportEvents",
  "listFeeds",
  "addFeed",
  "getFeed",
  "removeFeed",
  "reconcileIngest",
] as const;
export const PLANNED_OPERATIONS = [] as const;

const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const error = (description: string, schema: z.ZodType = ErrorResponse): ZodOpenApiResponseObject => ({
  description,
  ...json(schema),
});
const badRequest = (what: string) =>
  error(`${what} failed validation; \`fieldErrors\` names the fields.`, ValidationErrorResponse);
const serverError = error("The server failed; retry later.");
const queueUnavailable = {
  description: "The queue did not answer in time (Redis is down); nothing was changed. Try again later.",
  headers: z.object({ "Retry-After": z.string().meta({ description: "Seconds to wait before trying again." }) }),
  ...json(ErrorResponse),
};

const ingestArticle: ZodOpenApiOperationObject = {
  operationId: "ingestArticle",
  summary: "Queue an article for enrichment",
  description:
    "Give exactly one of `text`, `url` or `html`. The article is stored before its job is queued, so an accepted " +
    "article survives a queue restart. Sending the same text twice returns the first article (`duplicate: true`). " +
    `\`text\` may be at most ${MAX_INGEST_BYTES} bytes of UTF-8, \`html\` five times that.`,
  tags: ["ingest"],
  requestBody: { required: true, ...json(IngestRequest) },
  responses: {
    "202": {
      description: "Stored and queued. Poll the job (see the Location header) until it is completed or failed.",
      headers: z.object({ Location: z.string().meta({ description: "/api/jobs/{jobId}" }) }),
      ...json(IngestAccepted),
    },
    "400": badRequest("The body is not JSON, or it"),
    "413": error("The request body is too large."),
    "415": error("The body must be sent as application/json."),
    "500": serverError,
    "503": {
      description:
        "The queue did not answer in time. The article is stored anyway (the body carries its ids) and is processed " +
        "once the queue is back; posting it again answers `duplicate: true` with the same ids.",
      headers: z.object({ "Retry-After": z.string().meta({ description: "Seconds to wait before trying again." }) }),
      ...json(IngestQueueUnavailable),
    },
  },
};

const getJob: ZodOpenApiOperationObject = {
  operationId: "getJob",
  summary: "Get the state of an ingest job",
  description:
    "A job's id is its article's id. The article's status comes from the database, so it outlives the queue's " +
    "retention of finished jobs.",
  tags: ["ingest"],
  requestParams: { path: JobIdParams },
  responses: {
    "200": { description: "The job's state.", ...json(JobStatus) },
    "400": badRequest("The id is not a UUID, so it"),
    "404": error("No job or article has this id."),
    "500": serverError,
    "503": queueUnavailable,
  },
};

const getStats: ZodOpenApiOperationObject = {
  operationId: "getStats",
  summary: "Count events and articles by region, actor and event type",
  description:
    "`from` and `to` are an optional, inclusive window on event dates (YYYY-MM-DD); `region`, `actor`, `type`, " +
    "`source` and `claim` filter the events counted (AND). `count=incidents` (the default) counts events " +
    "deduplicated into incidents, each once, on the day it began (the window applies to that day); " +
    "`count=mentions` counts every extracted event on its own day. In both modes the `events` fields hold the " +
    "count and `count` says which it is. `bucket` is the time series' bucket (day or week).",
  tags: ["stats"],
  requestParams: { query: StatsQuery },
  responses: {
    "200": { description: "Counts for the window and filters.", ...json(StatsResponse) },
    "400": badRequest("The query"),
    "500": serverError,
  },
};

const listJobs: ZodOpenApiOperationObject = {
  operationId: "listJobs",
  summary: "List recent ingest jobs, newest first",
  description:
    "Articles from Postgres (newest received first) with their job's state from the queue while it keeps the job; " +
    "`counts` are the queue's job counts per state.",
  tags: ["ingest"],
  requestParams: { query: JobsQuery },
  responses: {
    "200": { description: "Recent jobs.", ...json(JobsList) },
    "400": badRequest("The query"),
    "500": serverError,
    "503": queueUnavailable,
  },
};

const retryJob: ZodOpenApiOperationObject = {
  operationId: "retryJob",
  summary: "Queue a job again",
  description:
    "Re-queues the article's job (its id is the article id). Idempotent: a job that is already waiting or active is " +
    "left alone (`requeued: false`); a failed or finished one is queued again and the article reprocessed.",
  tags: ["ingest"],
  requestParams: { path: JobIdParams },
  responses: {
    "202": { description: "Queued (or already queued).", ...json(RetryAccepted) },
    "400": badRequest("The id is not a UUID, so it"),
    "404": error("No article has this id."),
    "500": serverError,
    "503": queueUnavailable,
  },
};

const listEvents: ZodOpenApiOperationObject = {
  operationId: "listEvents",
  summary: "List stored events",
  description:
    "Filters combine with AND. Sorted by `sort` (default `date`) and `order` (default `desc`), ties by id. Page with " +
    "`nextCursor` (null on the last page) or with `page` numbers; `total` counts every matching event.",
  tags: ["events"],
  requestParams: { query: EventsQuery },
  responses: {
    "200": { description: "One page of events.", ...json(EventsPage) },
    "400": badRequest("The query"),
    "500": serverError,
  },
};

const exportEvents: ZodOpenApiOperationObject = {
  operationId: "exportEvents",
  summary: "Download every matching event",
  description:
    "Streamed. `format=ndjson` (default) gives one EventRecord per line; `format=json` one JSON array of " +
    "EventRecords; `format=csv` one row per event; `format=acled` ACLED-compatible CSV with ACLED's columns (" +
    `${ACLED_COLUMNS.join(", ")}) and vocabularies (actor names, inter codes, time_precision 1/2/3).`,
  tags: ["events"],
  requestParams: { query: ExportQuery },
  responses: {
    "200": {
      description: "The events, as an attachment.",
      content: {
        // One EventRecord per line (OpenAPI 3.1 has no schema for a line of a stream: this is the line's schema).
        "application/x-ndjson": { schema: EventRecord },
        "application/json": { schema: z.array(EventRecord) },
        "text/csv": { schema: z.string() },
      },
    },
    "400": badRequest("The query"),
    "500": serverError,
  },
};

const listFeeds: ZodOpenApiOperationObject = {
  operationId: "listFeeds",
  summary: "List subscribed RSS and Atom feeds",
  description: "Each feed with its polling state: consecutive failures back the polling off; `lastError` says why.",
  tags: ["feeds"],
  responses: {
    "200": { description: "The feeds.", ...json(FeedList) },
    "500": serverError,
  },
};

const addFeed: ZodOpenApiOperationObject = {
  operationId: "addFeed",
  summary: "Subscribe to a feed",
  description:
    "New items become URL ingests; items already seen are skipped. Subscribing to a URL again updates its title " +
    "and interval (200) instead of adding a second feed (201).",
  tags: ["feeds"],
  requestBody: { required: true, ...json(FeedCreate) },
  responses: {
    "201": { description: "Subscribed.", ...json(FeedView) },
    "200": { description: "Already subscribed; title and interval updated.", ...json(FeedView) },
    "400": badRequest("The feed"),
    "415": error("The body is not application/json."),
    "500": serverError,
  },
};

const getFeed: ZodOpenApiOperationObject = {
  operationId: "getFeed",
  summary: "One feed and its polling state",
  tags: ["feeds"],
  requestParams: { path: FeedIdParams },
  responses: {
    "200": { description: "The feed.", ...json(FeedView) },
    "400": badRequest("The id is not a UUID, so it"),
    "404": error("No feed has this id."),
    "500": serverError,
  },
};

const removeFeed: ZodOpenApiOperationObject = {
  operationId: "removeFeed",
  summary: "Unsubscribe from a feed",
  description: "Stops its polling. Articles already ingested from it stay.",
  tags: ["feeds"],
  requestParams: { path: FeedIdParams },
  responses: {
    "204": { description: "Unsubscribed." },
    "400": badRequest("The id is not a UUID, so it"),
    "404": error("No feed has this id."),
    "500": serverError,
  },
};

const reconcileIngestOperation: ZodOpenApiOperationObject = {
  operationId: "reconcileIngest",
  summary: "Re-queue accepted articles that never finished",
  description:
    "The worker runs this periodically; call it after Redis was flushed or restarted to heal at once. Articles " +
    "waiting or active in the queue are left alone. The body is optional.",
  tags: ["admin"],
  requestBody: { required: false, ...json(ReconcileRequest) },
  responses: {
    "200": { description: "What was re-queued.", ...json(ReconcileResult) },
    "400": badRequest("The body"),
    "500": serverError,
  },
};

/** Builds the OpenAPI 3.1 document of Frontline's REST API from the model's zod schemas. */
export function buildOpenApiDocument(options: OpenApiDocumentOptions = {}): oas31.OpenAPIObject {
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = {
    "/api/ingest": { post: ingestArticle },
    "/api/jobs": { get: listJobs },
    "/api/jobs/{id}": { get: getJob },
    "/api/jobs/{id}/retry": { post: retryJob },
    "/api/stats": { get: getStats },
    "/api/events": { get: listEvents },
    "/api/export": { get: exportEvents },
    "/api/feeds": { get: listFeeds, post: addFeed },
    "/api/feeds/{id}": { get: getFeed, delete: removeFeed },
    "/api/admin/reconcile": { post: reconcileIngestOperation },
  };
  // Operations specified ahead of the server would be added here when options.includePlanned is set.
  return createDocument(
    {
      openapi: "3.1.0",
      info: {
        title: "Frontline API",
        version: SCHEMA_VERSION,
        description:
          "Frontline turns conflict news into structured events. Schemas are generated from @frontline/model " +
          `${SCHEMA_VERSION}; the package's typed client (@frontline/model/client) speaks this API.`,
      },
      ...(options.servers?.length ? { servers: options.servers.map((url) => ({ url })) } : {}),
      tags: [
        { name: "ingest", description: "Queue articles and follow their jobs." },
        { name: "stats", description: "Aggregate counts." },
        { name: "events", description: "Stored events: pages and downloads." },
        { name: "feeds", description: "RSS and Atom subscriptions." },
        { name: "admin", description: "Operations for whoever runs Frontline." },
      ],
      paths,
      components: {
        schemas: {
          IngestRequest,
          IngestAccepted,
          IngestQueueUnavailable,
          JobStatus,
          StatsResponse,
          ErrorResponse,
          ValidationErrorResponse,
          EventRecord,
          EventsPage,
          JobsList,
          RetryAccepted,
          FeedView,
          FeedList,
          ReconcileResult,
        },
      },
    },
    {
      // Responses may gain fields in a minor version (see the README), so an object in a response does not
      // promise `additionalProperties: false`; request bodies keep it where the schema is strict.
      override: ({ jsonSchema, zodSchema, io }) => {
        const def = zodSchema._zod.def as { type: string; catchall?: unknown };
        if (io === "output" && def.type === "object" && def.catchall === undefined) {
          delete jsonSchema.additionalProperties;
        }
        // The rule "exactly one of text, url or html" is a zod refinement, which JSON Schema cannot see: state it.
        if (zodSchema === IngestRequest) {
          jsonSchema.oneOf = [{ required: ["text"] }, { required: ["url"] }, { required: ["html"] }];
        }
      },
    },
  );
}
