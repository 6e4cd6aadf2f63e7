// POST /api/jobs/:id/retry: queue a failed job again (idempotent; see lib/jobs.ts); 503 while the queue does not
// answer.
import { JobIdParams, RetryAccepted } from "@frontline/model";
import { retryJob } from "../../../../../lib/jobs.ts";
import { orQueueUnavailable } from "../../../../../lib/queue-timeout.ts";
import { getServices } from "../../../../../lib/services.ts";
import { validationErrorBody } from "../../../../../lib/validation-error.ts";

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const parsed = JobIdParams.safeParse(await params);
  if (!parsed.success) return Response.json(validationErrorBody("invalid job id", parsed.error), { status: 400 });
  return orQueueUnavailable(async () => {
    const result = await retryJob(getServices(), parsed.data.id);
    if (!result) return Response.json({ error: `no job or article with id ${parsed.data.id}` }, { status: 404 });
    return Response.json(RetryAccepted.parse(result), { status: 202, headers: { "Cache-Control": "no-store" } });
  });
}
