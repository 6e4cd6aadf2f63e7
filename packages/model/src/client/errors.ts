// The errors the REST client throws. Every answer the API gives that is not a success, and every success whose
// body does not match its schema, becomes a FrontlineApiError (or a subclass): callers branch on the class,
// never on the message text.
import type { z } from "zod";
import type { JobStatus } from "../schemas/job.ts";

export interface FrontlineApiErrorInit {
  /** HTTP status of the answer. */
  status: number;
  method: string;
  url: string;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
}

/** The API answered with an error status, or with a body the client could not accept. */
export class FrontlineApiError extends Error {
  override name = "FrontlineApiError";
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly body: unknown;

  constructor(message: string, init: FrontlineApiErrorInit, options?: ErrorOptions) {
    super(message, options);
    this.status = init.status;
    this.method = init.method;
    this.url = init.url;
    this.body = init.body;
  }
}

/** 400: the request (body, query or path) failed validation. `fieldErrors` is keyed by field name. */
export class FrontlineValidationError extends FrontlineApiError {
  override name = "FrontlineValidationError";
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;
  readonly formErrors: readonly string[];

  constructor(
    message: string,
    init: FrontlineApiErrorInit & { fieldErrors: Record<string, string[]>; formErrors: string[] },
  ) {
    super(message, init);
    this.fieldErrors = init.fieldErrors;
    this.formErrors = init.formErrors;
  }
}

/** 404: no such job (or, later, event). */
export class FrontlineNotFoundError extends FrontlineApiError {
  override name = "FrontlineNotFoundError";
}

/** 413: the request body is larger than the API accepts (see MAX_INGEST_BYTES). */
export class FrontlinePayloadTooLargeError extends FrontlineApiError {
  override name = "FrontlinePayloadTooLargeError";
}

/** 5xx: the server failed; retrying later may help. */
export class FrontlineServerError extends FrontlineApiError {
  override name = "FrontlineServerError";
}

/** A successful answer whose body is not JSON or does not match the schema the API promises for it. */
export class FrontlineResponseError extends FrontlineApiError {
  override name = "FrontlineResponseError";
  /** Name of the schema the body was checked against, e.g. "JobStatus". */
  readonly schema: string;
  /** zod's issues; each `path` names the offending field. Empty when the body was not JSON at all. */
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(message: string, init: FrontlineApiErrorInit & { schema: string; issues: z.core.$ZodIssue[] }) {
    super(message, init);
    this.schema = init.schema;
    this.issues = init.issues;
  }

  /** The offending fields as paths such as `totals.events` or `byRegion[0].code`. */
  get fields(): string[] {
    return this.issues.map((issue) => formatPath(issue.path));
  }
}

/** waitForJob gave up: the job was not finished within `timeoutMs`. `lastStatus` is what the API said last. */
export class FrontlineJobTimeoutError extends Error {
  override name = "FrontlineJobTimeoutError";
  readonly jobId: string;
  readonly lastStatus: JobStatus | undefined;

  constructor(jobId: string, timeoutMs: number, lastStatus: JobStatus | undefined) {
    super(`job ${jobId} did not finish within ${timeoutMs} ms (last state: ${lastStatus?.state ?? "none"})`);
    this.jobId = jobId;
    this.lastStatus = lastStatus;
  }
}

/** `["byRegion", 0, "code"]` → `byRegion[0].code`; the empty path (the body itself) → `(body)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(body)";
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}
