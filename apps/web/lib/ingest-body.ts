// Turns the bytes of a POST /api/ingest body into a validated IngestRequest, or says why not.
import { IngestRequest } from "@frontline/model";
import { type ValidationErrorBody, validationErrorBody } from "./validation-error.ts";

// The body limit is the model's (one definition for the API and its client); the text field itself is limited to
// MAX_INGEST_BYTES by the IngestRequest schema (a 400 field error).
export { MAX_INGEST_BODY_BYTES } from "@frontline/model";

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
