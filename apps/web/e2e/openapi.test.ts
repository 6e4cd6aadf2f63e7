// The OpenAPI document is served, generated from the model (not hand-written), and the reference page shows it.
import { buildOpenApiDocument, IMPLEMENTED_OPERATIONS } from "@frontline/model/openapi";
import { describe, expect, it } from "vitest";
import { baseUrl } from "./api.ts";

describe("GET /api/openapi.json", () => {
  it("serves the model's OpenAPI 3.1 document, with the events and export operations", async () => {
    const response = await fetch(`${baseUrl()}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    const doc = await response.json();
    expect(doc).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/events", "/api/export", "/api/jobs"]));
  });

  it("is rendered as a readable reference at /api-docs, one section per operation", async () => {
    const response = await fetch(`${baseUrl()}/api-docs`);
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const id of IMPLEMENTED_OPERATIONS) expect(html).toContain(`id="op-${id}"`);
    expect(html).toContain("ValidationErrorResponse");
    // No third-party assets: every script and stylesheet comes from this origin.
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:\/\//);
  });
});
