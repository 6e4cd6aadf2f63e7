// GET /api/events?<filters>&sort&order&limit&cursor|page: one sorted page of the matching events.
import { EventsQuery } from "@frontline/model";
import type { NextRequest } from "next/server";
import { BadCursorError, listEvents } from "../../../lib/events.ts";
import { parseQuery } from "../../../lib/query-params.ts";
import { getServices } from "../../../lib/services.ts";
import { validationErrorBody } from "../../../lib/validation-error.ts";

export async function GET(request: NextRequest): Promise<Response> {
  const parsed = parseQuery(EventsQuery, request.nextUrl.searchParams, "invalid events query");
  if (!parsed.ok) return Response.json(parsed.error, { status: 400 });
  try {
    const page = await listEvents(getServices().db, parsed.query);
    return Response.json(page, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    if (err instanceof BadCursorError) {
      const body = validationErrorBody("invalid events query");
      body.fieldErrors.cursor = [err.message];
      return Response.json(body, { status: 400 });
    }
    throw err;
  }
}
