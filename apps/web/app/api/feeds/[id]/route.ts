// GET /api/feeds/:id: one feed and its polling state. DELETE /api/feeds/:id: unsubscribe (204; 404 when unknown).
import { FeedIdParams, FeedView } from "@frontline/model";
import { getFeed, removeFeed } from "@frontline/model/feeds";
import { validationErrorBody } from "../../../../lib/validation-error.ts";
import { getFeedDeps } from "../feed-services.ts";

type Params = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Params): Promise<Response> {
  const parsed = FeedIdParams.safeParse(await params);
  if (!parsed.success) return Response.json(validationErrorBody("invalid feed id", parsed.error), { status: 400 });
  const feed = await getFeed(getFeedDeps(), parsed.data.id);
  if (!feed) return Response.json({ error: `no feed with id ${parsed.data.id}` }, { status: 404 });
  return Response.json(FeedView.parse(feed), { headers: { "Cache-Control": "no-store" } });
}

export async function DELETE(_request: Request, { params }: Params): Promise<Response> {
  const parsed = FeedIdParams.safeParse(await params);
  if (!parsed.success) return Response.json(validationErrorBody("invalid feed id", parsed.error), { status: 400 });
  const removed = await removeFeed(getFeedDeps(), parsed.data.id);
  if (!removed) return Response.json({ error: `no feed with id ${parsed.data.id}` }, { status: 404 });
  return new Response(null, { status: 204 });
}
