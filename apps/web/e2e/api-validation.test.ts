// Input validation and limits of the REST API, on the real server.
import { request } from "node:http";
import { MAX_INGEST_BYTES } from "@frontline/model";
import { describe, expect, it } from "vitest";
import { MAX_INGEST_BODY_BYTES } from "../lib/ingest-body.ts";
import { baseUrl, postIngest } from "./api.ts";

async function expect400(response: Response) {
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: string; fieldErrors: Record<string, string[]> };
  expect(typeof body.error).toBe("string");
  return body;
}

describe("POST /api/ingest validation", () => {
  it("400 with a text field error when text is missing", async () => {
    const body = await expect400(await postIngest({ title: "No text here" }));
    expect(body.fieldErrors.text?.length).toBeGreaterThan(0);
  });

  it("400 with a text field error when both text and url are given", async () => {
    const body = await expect400(await postIngest({ text: "Shelling in Sumy.", url: "https://example.com/a" }));
    expect(body.fieldErrors.text).toEqual(["give exactly one of text, url or html"]);
  });

  it("400 with a publishedAt field error for a bad date", async () => {
    const body = await expect400(await postIngest({ text: "Shelling in Sumy.", publishedAt: "26/08/2025" }));
    expect(Object.keys(body.fieldErrors)).toEqual(["publishedAt"]);
  });

  it("400 for a body that is not JSON", async () => {
    const body = await expect400(await postIngest('{"text": "unterminated'));
    expect(body.error).toMatch(/JSON/);
    expect(body.fieldErrors).toEqual({});
  });

  it("400 for a text longer than MAX_INGEST_BYTES, within the body limit", async () => {
    const body = await expect400(await postIngest({ text: "a".repeat(MAX_INGEST_BYTES + 1) }));
    expect(body.fieldErrors.text?.[0]).toMatch(/larger than/);
  });

  it("415 for a body that is not declared as JSON", async () => {
    const response = await fetch(`${baseUrl()}/api/ingest`, {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: JSON.stringify({ text: "Shelling in Sumy." }),
    });
    expect(response.status).toBe(415);
  });

  it("413 on Content-Length alone, before any of the body is sent", async () => {
    const status = await postWithoutFinishing({ "Content-Length": String(MAX_INGEST_BODY_BYTES + 1) }, 0);
    expect(status).toBe(413);
  });

  it("413 once a chunked body without Content-Length passes the limit, before the upload ends", async () => {
    const status = await postWithoutFinishing({ "Transfer-Encoding": "chunked" }, MAX_INGEST_BODY_BYTES + 128 * 1024);
    expect(status).toBe(413);
  });
});

/**
 * Sends the headers and `bodyBytes` bytes of a JSON body to POST /api/ingest, never ending the upload, and resolves
 * with the status of the answer. A server that waited for the whole body would never answer (the promise times out).
 * (fetch can't test this: it must finish the upload, and drops an early answer if the server then closes.)
 */
function postWithoutFinishing(headers: Record<string, string>, bodyBytes: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, "a");
  return new Promise((resolveStatus, reject) => {
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error("no answer while the upload was still open"));
    }, 15_000);
    const req = request(
      `${baseUrl()}/api/ingest`,
      { method: "POST", headers: { "Content-Type": "application/json", ...headers } },
      (res) => {
        clearTimeout(timer);
        res.resume();
        resolveStatus(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.flushHeaders();
    let sent = 0;
    const writeMore = () => {
      while (sent < bodyBytes) {
        const piece = sent === 0 ? Buffer.concat([Buffer.from('{"html":"'), chunk]) : chunk;
        sent += piece.byteLength;
        if (!req.write(piece)) {
          req.once("drain", writeMore);
          return;
        }
      }
    };
    writeMore();
  });
}

describe("GET /api/jobs/:id", () => {
  it("400 for an id that is not a UUID", async () => {
    expect((await fetch(`${baseUrl()}/api/jobs/not-a-uuid`)).status).toBe(400);
  });

  it("404 for an id nobody knows", async () => {
    expect((await fetch(`${baseUrl()}/api/jobs/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });
});

describe("GET /api/stats", () => {
  it("400 for a malformed or inverted window", async () => {
    expect((await fetch(`${baseUrl()}/api/stats?from=2025-02-30`)).status).toBe(400);
    const inverted = await fetch(`${baseUrl()}/api/stats?from=2025-08-01&to=2025-07-01`);
    const body = await expect400(inverted);
    expect(body.fieldErrors.from).toBeDefined();
  });

  it("echoes a valid window", async () => {
    const response = await fetch(`${baseUrl()}/api/stats?from=2025-06-01&to=2025-06-30`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ from: "2025-06-01", to: "2025-06-30" });
  });
});

describe("security headers", () => {
  it("sends a CSP that forbids framing, plus nosniff and a referrer policy", async () => {
    const response = await fetch(`${baseUrl()}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });
});
