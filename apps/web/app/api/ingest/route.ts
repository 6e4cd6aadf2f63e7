// POST /api/ingest: validate an IngestRequest, store the article, queue its job; 202 with the job id. While the queue
// is unreachable: 503, with the ids of the article stored anyway (the reconciler queues it once Redis is back).
import type { IngestQueueUnavailable } from "@frontline/model";
import { acceptIngest, QueueUnavailableError } from "@frontline/model/ingest";
import { MAX_INGEST_BODY_BYTES, parseIngestBody } from "../../../lib/ingest-body.ts";
import { declaredTooLarge, readBodyWithLimit } from "../../../lib/read-body.ts";
import { QUEUE_TIMEOUT_MS } from "../../../lib/queue-timeout.ts";
import { getServices } from "../../../lib/services.ts";

// The rest of an oversized body is left unread, so the connection can't be reused: ask to close it.
const tooLarge = () =>
  Response.json(
    { error: `request body is larger than ${MAX_INGEST_BODY_BYTES} bytes` },
    { status: 413, headers: { Connection: "close" } },
  );

export async function POST(request: Request): Promise<Response> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(contentType)) {
    return Response.json({ error: "send the body as application/json" }, { status: 415 });
  }
  // Checked twice: the header lets us refuse before reading; the byte count catches chunked or lying uploads.
  if (declaredTooLarge(request.headers.get("content-length"), MAX_INGEST_BODY_BYTES)) return tooLarge();
  const body = await readBodyWithLimit(request.body, MAX_INGEST_BODY_BYTES);
  if (!body.ok) return tooLarge();

  const parsed = parseIngestBody(body.bytes);
  if (!parsed.ok) return Response.json(parsed.error, { status: 400 });

  const { db, ingestQueue } = getServices();
  try {
    const accepted = await acceptIngest({ db, queue: ingestQueue }, parsed.request, {
      queueTimeoutMs: QUEUE_TIMEOUT_MS,
    });
    return Response.json(accepted, { status: 202, headers: { Location: `/api/jobs/${accepted.jobId}` } });
  } catch (err) {
    if (!(err instanceof QueueUnavailableError)) throw err;
    const body: IngestQueueUnavailable = {
      error: "the queue is unavailable: the article is stored and will be processed when it is back",
      ...err.accepted[0]!,
    };
    return Response.json(body, { status: 503, headers: { "Retry-After": "30" } });
  }
}
