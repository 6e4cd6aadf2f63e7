// Turns the bytes of a POST /api/ingest body into a validated IngestRequest, or says why not.
import { IngestRequest, MAX_INGEST_BYTES } from "@frontline/model";
import { type ValidationErrorBody, validationErrorBody } from "./validation-error.ts";

/**
 * Largest request body POST /api/ingest reads, in bytes: room for the largest html the model accepts
 * (5 × MAX_INGEST_BYTES) plus the other fields and JSON escaping. Anything bigger is answered 413 unread.
 * The text field itself is limited to MAX_INGEST_BYTES by the IngestRequest schema (a 400 field error).
 */
export const MAX_INGEST_BODY_BYTES = 6 * MAX_INGEST_BYTES;

export type ParsedIngestBody = { ok: true; request: IngestRequest } | { ok: false; error: ValidationErrorBody };

export function parseIngestBody(bytes: Uint8Array): ParsedIngestBody {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, error: validationErrorBody("body is not valid UTF-8 JSON") };
  }
  const parsed = IngestRequest.safeParse(json);
  if (!parsed.success) return { ok: false, error: validationErrorBody("invalid ingest request", parsed.error) };
  return { ok: true, request: parsed.data };
}
