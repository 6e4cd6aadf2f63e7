// @frontline/model/client: a typed client for Frontline's REST API, built on fetch (browsers, Node ≥ 20, Deno, Bun).
// Every answer is checked against the same zod schema the server uses; a mismatch is a FrontlineResponseError that
// names the field, and every error status becomes a typed FrontlineApiError subclass.
import type { z } from "zod";
import {
  ErrorResponse,
  type EventsQuery,
  EventsPage,
  EventRecord,
  type ExportQuery,
  JobsList,
  type JobsQuery,
  RetryAccepted,
  ValidationErrorResponse,
} from "../schemas/api.ts";
import { IngestAccepted, type IngestRequest, MAX_INGEST_BODY_BYTES } from "../schemas/ingest.ts";
import { JobStatus } from "../schemas/job.ts";
import { type StatsQuery, StatsResponse } from "../schemas/stats.ts";
import {
  FrontlineApiError,
  type FrontlineApiErrorInit,
  FrontlineJobTimeoutError,
  FrontlineNotFoundError,
  FrontlinePayloadTooLargeError,
  FrontlineResponseError,
  FrontlineServerError,
  FrontlineValidationError,
  formatPath,
} from "./errors.ts";

export * from "./errors.ts";

export interface FrontlineClientOptions {
  /** Where Frontline runs, e.g. `https://frontline.example.org` (a path prefix such as `/frontline` is kept). */
  baseUrl: string | URL;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** A fetch implementation; defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface WaitForJobOptions extends RequestOptions {
  /** Give up (FrontlineJobTimeoutError) after this long. Default 60 000 ms. */
  timeoutMs?: number;
  /** Pause between polls. Default 500 ms. */
  intervalMs?: number;
}

export type ExportNdjsonQuery = ExportQuery & { format?: "ndjson" | "json" };
export type ExportCsvQuery = ExportQuery & { format: "csv" | "acled" };

export interface FrontlineClient {
  /** POST /api/ingest: queue an article. Resolves when it is stored and queued (202), not when it is processed. */
  ingest(request: IngestRequest, options?: RequestOptions): Promise<IngestAccepted>;
  /** GET /api/jobs/:id: the state of an ingest job. Throws FrontlineNotFoundError for an unknown id. */
  getJob(id: string, options?: RequestOptions): Promise<JobStatus>;
  /** Polls GET /api/jobs/:id until the job is `completed` or `failed`, and returns that last status. */
  waitForJob(id: string, options?: WaitForJobOptions): Promise<JobStatus>;
  /** GET /api/jobs: recent ingest jobs, newest first. */
  listJobs(query?: JobsQuery, options?: RequestOptions): Promise<JobsList>;
  /** POST /api/jobs/:id/retry: queue a job again (idempotent). Throws FrontlineNotFoundError for an unknown id. */
  retryJob(id: string, options?: RequestOptions): Promise<RetryAccepted>;
  /** GET /api/stats: counts by region, actor and event type, optionally within a date window and filters. */
  stats(query?: StatsQuery, options?: RequestOptions): Promise<StatsResponse>;
  /** GET /api/events: one page of stored events. */
  events(query?: EventsQuery, options?: RequestOptions): Promise<EventsPage>;
  /** GET /api/export as ndjson (the default) or json: every matching event. */
  export(query?: ExportNdjsonQuery, options?: RequestOptions): Promise<EventRecord[]>;
  /** GET /api/export as CSV text (`csv`, or ACLED-compatible `acled`). */
  export(query: ExportCsvQuery, options?: RequestOptions): Promise<string>;
}

const FINISHED_STATES = new Set<JobStatus["state"]>(["completed", "failed"]);

type Query = Record<string, string | number | undefined>;

interface Call {
  method: "GET" | "POST";
  path: string;
  query?: Query;
  body?: unknown;
  accept?: string;
  signal?: AbortSignal | undefined;
  /** The API's limit on this call's body: a larger one is refused before sending. */
  maxBodyBytes?: number;
}

export function createFrontlineClient(options: FrontlineClientOptions): FrontlineClient {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") throw new TypeError("no fetch implementation: pass options.fetch");
  const base = new URL(options.baseUrl);
  if (!base.pathname.endsWith("/")) base.pathname += "/";

  function urlFor(path: string, query: Query = {}): URL {
    const url = new URL(path.replace(/^\//, ""), base);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  async function send(call: Call): Promise<{ response: Response; text: string; init: FrontlineApiErrorInit }> {
    const url = urlFor(call.path, call.query);
    const headers: Record<string, string> = { accept: call.accept ?? "application/json" };
    if (call.body !== undefined) headers["content-type"] = "application/json";
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    // Refused here rather than uploaded: the server answers 413 without reading and closes, and a fetch still
    // sending megabytes often sees the reset instead of the answer.
    if (call.maxBodyBytes !== undefined && body !== undefined) {
      const size = new TextEncoder().encode(body).byteLength;
      if (size > call.maxBodyBytes) {
        const message = `${call.method} ${call.path}: request body is ${size} bytes, larger than the API's ${call.maxBodyBytes} (not sent)`;
        throw new FrontlinePayloadTooLargeError(message, { status: 413, method: call.method, url: url.href, body: "" });
      }
    }
    const response = await fetchImpl(url, { method: call.method, headers, body, signal: call.signal });
    const text = await response.text();
    const init: FrontlineApiErrorInit = { status: response.status, method: call.method, url: url.href, body: text };
    if (!response.ok) throw toApiError(init, text, response.statusText);
    return { response, text, init };
  }

  async function json<S extends z.ZodType>(call: Call, schema: S, schemaName: string): Promise<z.infer<S>> {
    const { text, init } = await send(call);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new FrontlineResponseError(`${call.method} ${call.path}: the response is not JSON`, {
        ...init,
        schema: schemaName,
        issues: [],
      });
    }
    return check(schema, schemaName, body, { ...init, body }, `${call.method} ${call.path}`);
  }

  async function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  const client: FrontlineClient = {
    ingest: (request, opts) =>
      json(
        { method: "POST", path: "/api/ingest", body: request, signal: opts?.signal, maxBodyBytes: MAX_INGEST_BODY_BYTES },
        IngestAccepted,
        "IngestAccepted",
      ),

    getJob: (id, opts) =>
      json(
        { method: "GET", path: `/api/jobs/${encodeURIComponent(id)}`, signal: opts?.signal },
        JobStatus,
        "JobStatus",
      ),

    async waitForJob(id, { timeoutMs = 60_000, intervalMs = 500, signal } = {}) {
      const deadline = Date.now() + timeoutMs;
      let last: JobStatus | undefined;
      for (;;) {
        last = await client.getJob(id, { signal });
        if (FINISHED_STATES.has(last.state)) return last;
        const left = deadline - Date.now();
        if (left <= 0) throw new FrontlineJobTimeoutError(id, timeoutMs, last);
        await sleep(Math.min(intervalMs, left), signal);
      }
    },

    listJobs: (query = {}, opts) =>
      json({ method: "GET", path: "/api/jobs", query: { ...query }, signal: opts?.signal }, JobsList, "JobsList"),

    retryJob: (id, opts) =>
      json(
        { method: "POST", path: `/api/jobs/${encodeURIComponent(id)}/retry`, signal: opts?.signal },
        RetryAccepted,
        "RetryAccepted",
      ),

    stats: (query = {}, opts) =>
      json({ method: "GET", path: "/api/stats", query: { ...query }, signal: opts?.signal }, StatsResponse, "StatsResponse"),

    events: (query = {}, opts) =>
      json({ method: "GET", path: "/api/events", query: { ...query }, signal: opts?.signal }, EventsPage, "EventsPage"),

    // biome-ignore lint/suspicious/noExplicitAny: one implementation behind the two typed overloads above
    async export(query: ExportQuery = {}, opts?: RequestOptions): Promise<any> {
      const format = query.format ?? "ndjson";
      const call: Call = {
        method: "GET",
        path: "/api/export",
        query: { ...query, format },
        accept:
          format === "csv" || format === "acled"
            ? "text/csv"
            : format === "json"
              ? "application/json"
              : "application/x-ndjson",
        signal: opts?.signal,
      };
      const { text, init } = await send(call);
      if (format === "csv" || format === "acled") return text;
      if (format === "json") {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          throw new FrontlineResponseError(`${call.method} ${call.path}: the response is not JSON`, {
            ...init,
            schema: "EventRecord",
            issues: [],
          });
        }
        return check(EventRecord.array(), "EventRecord", body, { ...init, body }, `${call.method} ${call.path}`);
      }
      return parseNdjson(text, init, `${call.method} ${call.path}`);
    },
  };
  return client;
}

function parseNdjson(text: string, init: FrontlineApiErrorInit, what: string): EventRecord[] {
  const records: unknown[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    try {
      records.push(JSON.parse(line));
    } catch {
      throw new FrontlineResponseError(`${what}: line ${i + 1} of the response is not JSON`, {
        ...init,
        schema: "EventRecord",
        issues: [],
      });
    }
  }
  return check(EventRecord.array(), "EventRecord", records, { ...init, body: records }, what);
}

function check<S extends z.ZodType>(
  schema: S,
  schemaName: string,
  body: unknown,
  init: FrontlineApiErrorInit,
  what: string,
): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const shown = issues
    .slice(0, 5)
    .map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
    .join("; ");
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
  throw new FrontlineResponseError(`${what}: the response does not match ${schemaName}: ${shown}${more}`, {
    ...init,
    schema: schemaName,
    issues,
  });
}

function toApiError(init: FrontlineApiErrorInit, text: string, statusText: string): FrontlineApiError {
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's HTML page, say): keep the text as the body.
  }
  const withBody = { ...init, body };
  const what = `${init.method} ${new URL(init.url).pathname} failed with ${init.status}`;
  const validation = ValidationErrorResponse.safeParse(body);
  const plain = ErrorResponse.safeParse(body);
  const reason = plain.success ? plain.data.error : statusText || "no error message";

  if (init.status === 400 && validation.success) {
    const { fieldErrors, formErrors } = validation.data;
    const details = [
      ...Object.entries(fieldErrors).map(([field, messages]) => `${field}: ${messages.join(", ")}`),
      ...formErrors,
    ];
    const message = `${what}: ${reason}${details.length ? ` (${details.join("; ")})` : ""}`;
    return new FrontlineValidationError(message, { ...withBody, fieldErrors, formErrors });
  }
  const message = `${what}: ${reason}`;
  if (init.status === 400)
    return new FrontlineValidationError(message, { ...withBody, fieldErrors: {}, formErrors: [] });
  if (init.status === 404) return new FrontlineNotFoundError(message, withBody);
  if (init.status === 413) return new FrontlinePayloadTooLargeError(message, withBody);
  if (init.status >= 500) return new FrontlineServerError(message, withBody);
  return new FrontlineApiError(message, withBody);
}
