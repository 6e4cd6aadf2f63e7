// GET /api/stats?from=YYYY-MM-DD&to=YYYY-MM-DD: counts by region, actor and event type.
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
