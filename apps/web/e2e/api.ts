// Small HTTP helpers for the e2e tests: each is one call to the public API, nothing more.
import type { IngestAccepted, JobStatus, StatsResponse } from "@frontline/model";
import { expect, inject } from "vitest";

export const baseUrl = () => inject("baseUrl");

export function postIngest(body: unknown): Promise<Response> {
  return fetch(`${baseUrl()}/api/ingest`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export async function ingest(body: unknown): Promise<IngestAccepted> {
  const response = await postIngest(body);
  expect(response.status, await response.clone().text()).toBe(202);
  return (await response.json()) as IngestAccepted;
}

/** Polls GET /api/jobs/:id until the job completes or fails. */
export async function waitForJob(jobId: string, timeoutMs = 45_000): Promise<JobStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: JobStatus | undefined;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl()}/api/jobs/${jobId}`);
    expect(response.status).toBe(200);
    last = (await response.json()) as JobStatus;
    if (last.state === "completed" || last.state === "failed") return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`job ${jobId} did not finish in ${timeoutMs} ms; last status ${JSON.stringify(last)}`);
}

export async function getStats(query = ""): Promise<StatsResponse> {
  const response = await fetch(`${baseUrl()}/api/stats${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as StatsResponse;
}

export const regionCounts = (stats: StatsResponse, code: string) =>
  stats.byRegion.find((r) => r.code === code) ?? { events: 0, articles: 0 };
export const actorCounts = (stats: StatsResponse, id: string) =>
  stats.byActor.find((a) => a.id === id) ?? { events: 0, articles: 0 };
export const typeEvents = (stats: StatsResponse, type: string) =>
  stats.byEventType.find((t) => t.type === type)?.events ?? 0;
