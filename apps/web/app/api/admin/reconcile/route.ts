// POST /api/admin/reconcile: re-queue accepted articles whose job is missing or failed, now (the worker also does it
// periodically). Answers the counts. Optional JSON body { "afterSeconds": N } (default 0).
import { ReconcileRequest, ReconcileResult } from "@frontline/model";
import { reconcileIngest } from "@frontline/model/reconcile";
import { getServices } from "../../../../lib/services.ts";
import { validationErrorBody } from "../../../../lib/validation-error.ts";

export async function POST(request: Request): Promise<Response> {
  const raw = await request.text();
  let json: unknown = {};
  try {
    if (raw.trim() !== "") json = JSON.parse(raw);
  } catch {
    return Response.json(validationErrorBody("body is not valid JSON"), { status: 400 });
  }
  const parsed = ReconcileRequest.safeParse(json);
  if (!parsed.success) return Response.json(validationErrorBody("invalid body", parsed.error), { status: 400 });
  const { db, ingestQueue } = getServices();
  const result = await reconcileIngest({ db, queue: ingestQueue }, { olderThanMs: parsed.data.afterSeconds * 1000 });
  return Response.json(ReconcileResult.parse(result), { headers: { "Cache-Control": "no-store" } });
}
