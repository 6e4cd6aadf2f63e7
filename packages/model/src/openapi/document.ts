// @frontline/model/openapi: the REST API's OpenAPI 3.1 document, generated from the same zod schemas the server
// validates with and the client checks answers against. Nothing here is written by hand but prose.
import { z } from "zod";
import { createDocument, type oas31, type ZodOpenApiOperationObject, type ZodOpenApiResponseObject } from "zod-openapi";
import {
  ErrorResponse,
  EventRecord,
  EventsPage,
  EventsQuery,
  ExportQuery,
  JobIdParams,
  ValidationErrorResponse,
} from "../schemas/api.ts";
import { IngestAccepted, IngestRequest, MAX_INGEST_BYTES } from "../schemas/ingest.ts";
import { JobStatus } from "../schemas/job.ts";
import { StatsQuery, StatsResponse } from "../schemas/stats.ts";
import { SCHEMA_VERSION } from "../version.ts";

export interface OpenApiDocumentOptions {
  /** Base URLs listed under `servers`, e.g. ["https://frontline.example.org"]. Default: none (same origin). */
  servers?: string[];
  /**
   * Include operations the server does not implement yet (GET /api/events, GET /api/export), marked
   * `x-frontline-status: planned`. Default false: the document describes what the API serves today.
   */
  includePlanned?: boolean;
}

/** Operation ids of the endpoints the API serves today, and of those specified ahead of the server. */
export const IMPLEMENTED_OPERATIONS = ["ingestArticle", "getJob", "getStats"] as const;
export const PLANNED_OPERATIONS = ["listEvents", "exportEvents"] as const;

const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const error = (description: string, schema: z.ZodType = ErrorResponse): ZodOpenApiResponseObject => ({
  description,
  ...json(schema),
});
const badRequest = (what: string) =>
  error(`${what} failed validation; \`fieldErrors\` names the fields.`, ValidationErrorResponse);
const serverError = error("The server failed; retry later.");

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
  },
};

const getStats: ZodOpenApiOperationObject = {
  operationId: "getStats",
  summary: "Count events and articles by region, actor and event type",
  description: "`from` and `to` are an optional, inclusive window on event dates (YYYY-MM-DD).",
  tags: ["stats"],
  requestParams: { query: StatsQuery },
  responses: {
    "200": { description: "Counts for the window.", ...json(StatsResponse) },
    "400": badRequest("The query"),
    "500": serverError,
  },
};

const planned = { "x-frontline-status": "planned" };

const listEvents: ZodOpenApiOperationObject = {
  operationId: "listEvents",
  summary: "List stored events, newest first (planned: not served yet)",
  description: "Filters combine with AND. Follow `nextCursor` for the next page; it is null on the last page.",
  tags: ["events"],
  requestParams: { query: EventsQuery },
  responses: {
    "200": { description: "One page of events.", ...json(EventsPage) },
    "400": badRequest("The query"),
    "500": serverError,
  },
  ...planned,
};

const exportEvents: ZodOpenApiOperationObject = {
  operationId: "exportEvents",
  summary: "Download every matching event (planned: not served yet)",
  description: "`format=ndjson` (default) gives one EventRecord per line; `format=csv` one row per event.",
  tags: ["events"],
  requestParams: { query: ExportQuery },
  responses: {
    "200": {
      description: "The events.",
      content: {
        // One EventRecord per line (OpenAPI 3.1 has no schema for a line of a stream: this is the line's schema).
        "application/x-ndjson": { schema: EventRecord },
        "text/csv": { schema: z.string() },
      },
    },
    "400": badRequest("The query"),
    "500": serverError,
  },
  ...planned,
};

/** Builds the OpenAPI 3.1 document of Frontline's REST API from the model's zod schemas. */
export function buildOpenApiDocument(options: OpenApiDocumentOptions = {}): oas31.OpenAPIObject {
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = {
    "/api/ingest": { post: ingestArticle },
    "/api/jobs/{id}": { get: getJob },
    "/api/stats": { get: getStats },
  };
  if (options.includePlanned) {
    paths["/api/events"] = { get: listEvents };
    paths["/api/export"] = { get: exportEvents };
  }
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
        ...(options.includePlanned ? [{ name: "events", description: "Stored events (planned)." }] : []),
      ],
      paths,
      components: {
        schemas: {
          IngestRequest,
          IngestAccepted,
          JobStatus,
          StatsResponse,
          ErrorResponse,
          ValidationErrorResponse,
          ...(options.includePlanned ? { EventRecord, EventsPage } : {}),
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
