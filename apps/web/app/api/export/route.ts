// GET /api/export?format=ndjson|json|csv|acled&<filters>: every matching event, streamed as a download.
import { ExportQuery } from "@frontline/model";
import type { NextRequest } from "next/server";
import { pickFilters } from "../../../lib/event-filters.ts";
import { EXPORT_CONTENT_TYPES, EXPORT_EXTENSIONS, exportStream } from "../../../lib/export.ts";
import { parseQuery } from "../../../lib/query-params.ts";
import { getServices } from "../../../lib/services.ts";

export async function GET(request: NextRequest): Promise<Response> {
  const parsed = parseQuery(ExportQuery, request.nextUrl.searchParams, "invalid export query");
  if (!parsed.ok) return Response.json(parsed.error, { status: 400 });
  const format = parsed.query.format ?? "ndjson";
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(exportStream(getServices().db, pickFilters(parsed.query), format, parsed.query.unit), {
    headers: {
      "Content-Type": EXPORT_CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="frontline-events-${stamp}.${EXPORT_EXTENSIONS[format]}"`,
      "Cache-Control": "no-store",
    },
  });
}
