// GET /api/openapi.json: the REST API's OpenAPI 3.1 document, generated from the model's zod schemas.
import { buildOpenApiDocument } from "@frontline/model/openapi";

export const dynamic = "force-static";

export function GET(): Response {
  return Response.json(buildOpenApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
