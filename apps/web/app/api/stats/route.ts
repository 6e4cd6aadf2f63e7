// GET /api/stats?from&to&region&actor&type&source&claim&count&bucket: counts by region, actor, event type,
// source and claim, a time series by event type, and the places with coordinates; of incidents (default) or mentions.
import type { NextRequest } from "next/server";
import { getServices } from "../../../lib/services.ts";
import { getStats } from "../../../lib/stats.ts";
import { parseStatsQuery } from "../../../lib/stats-query.ts";

export async function GET(request: NextRequest): Promise<Response> {
  const parsed = parseStatsQuery(request.nextUrl.searchParams);
  if (!parsed.ok) return Response.json(parsed.error, { status: 400 });
  const stats = await getStats(getServices().db, parsed.query);
  return Response.json(stats, { headers: { "Cache-Control": "no-store" } });
}
