// GET /api/jobs/:id: the state of an ingest job (its id is the article id); 503 while the queue does not answer.
import { JobIdParams, JobStatus } from "@frontline/model";
import { getJobStatus } from "../../../../lib/job-status.ts";
import { orQueueUnavailable } from "../../../../lib/queue-timeout.ts";
import { getServices } from "../../../../lib/services.ts";
import { validationErrorBody } from "../../../../lib/validation-error.ts";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const parsed = JobIdParams.safeParse(await params);
  if (!parsed.success) return Response.json(validationErrorBody("invalid job id", parsed.error), { status: 400 });

  return orQueueUnavailable(async () => {
    const status = await getJobStatus(getServices(), parsed.data.id);
    if (!status) return Response.json({ error: `no job or article with id ${parsed.data.id}` }, { status: 404 });
    return Response.json(JobStatus.parse(status), { headers: { "Cache-Control": "no-store" } });
  });
}
