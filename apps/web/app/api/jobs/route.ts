// GET /api/jobs?limit&state: recent ingest jobs, newest first, with the queue's counts per state; 503 while the
// queue does not answer.
import { JobsQuery } from "@frontline/model";
import type { NextRequest } from "next/server";
import { listJobs } from "../../../lib/jobs.ts";
import { parseQuery } from "../../../lib/query-params.ts";
import { orQueueUnavailable } from "../../../lib/queue-timeout.ts";
import { getServices } from "../../../lib/services.ts";

export async function GET(request: NextRequest): Promise<Response> {
  const parsed = parseQuery(JobsQuery, request.nextUrl.searchParams, "invalid jobs query");
  if (!parsed.ok) return Response.json(parsed.error, { status: 400 });
  const { query } = parsed;
  return orQueueUnavailable(async () =>
    Response.json(await listJobs(getServices(), query), { headers: { "Cache-Control": "no-store" } }),
  );
}
