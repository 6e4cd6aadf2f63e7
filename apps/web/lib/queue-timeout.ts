// Server-only: how long a request waits for the queue (Redis) before answering 503, and that answer. Without it a
// request would wait for as long as Redis is away.
import "server-only";
import { QueueTimeoutError } from "@frontline/model/ingest";

export const QUEUE_TIMEOUT_MS = 3_000;

/** `respond()`, or a 503 when the queue did not answer in time (QueueTimeoutError); other errors go on. */
export async function orQueueUnavailable(respond: () => Promise<Response>): Promise<Response> {
  try {
    return await respond();
  } catch (err) {
    if (!(err instanceof QueueTimeoutError)) throw err;
    return Response.json(
      { error: `the queue is unavailable (${err.message}); try again later` },
      { status: 503, headers: { "Retry-After": "30" } },
    );
  }
}
