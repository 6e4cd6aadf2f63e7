// GET /api/feeds: subscribed feeds with their polling state. POST /api/feeds: subscribe (FeedCreate) → 201 (or 200
// when the URL was already subscribed: its interval/title are updated).
import { FeedCreate, FeedList, FeedView } from "@frontline/model";
import { addFeed, listFeeds } from "@frontline/model/feeds";
import { validationErrorBody } from "../../../lib/validation-error.ts";
import { getFeedDeps } from "./feed-services.ts";

export async function GET(): Promise<Response> {
  const feeds = await listFeeds(getFeedDeps());
  return Response.json(FeedList.parse({ feeds }), { headers: { "Cache-Control": "no-store" } });
}

export async function POST(request: Request): Promise<Response> {
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) {
    return Response.json({ error: "send the body as application/json" }, { status: 415 });
  }
  let json: unknown;
  try {
    json = JSON.parse(await request.text());
  } catch {
    return Response.json(validationErrorBody("body is not valid JSON"), { status: 400 });
  }
  const parsed = FeedCreate.safeParse(json);
  if (!parsed.success) return Response.json(validationErrorBody("invalid feed", parsed.error), { status: 400 });
  const { feed, created } = await addFeed(getFeedDeps(), parsed.data);
  return Response.json(FeedView.parse(feed), { status: created ? 201 : 200, headers: { Location: `/api/feeds/${feed.id}` } });
}
