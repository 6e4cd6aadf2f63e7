// `frontline post FILE.jsonl`: sends each line to POST /api/ingest, the same door the dashboard uses.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { IngestAccepted, IngestRequest, JobStatus } from "@frontline/model";
import { z } from "zod";

const POLL_MS = 500;
const WAIT_LIMIT_MS = 120_000;

export async function runPost(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { api: { type: "string", default: "http://127.0.0.1:3000" }, wait: { type: "boolean", default: false } },
  });
  const file = positionals[0];
  if (!file) {
    process.stderr.write("usage: frontline post FILE.jsonl [--api URL] [--wait]\n");
    return 2;
  }
  const api = values.api.replace(/\/$/, "");
  // pnpm runs scripts from the package folder; INIT_CWD is where the user typed the command.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const lines = (await readFile(path, "utf8")).split("\n");

  const jobs: { line: number; jobId: string }[] = [];
  let rejected = 0;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const lineNumber = index + 1;
    const request = IngestRequest.safeParse(safeJson(line));
    if (!request.success) {
      rejected += 1;
      process.stderr.write(`line ${lineNumber}: rejected: ${z.prettifyError(request.error).replace(/\n/g, "; ")}\n`);
      continue;
    }
    const res = await fetch(`${api}/api/ingest`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request.data),
    });
    const body = await res.json().catch(() => null);
    if (res.status !== 202) {
      rejected += 1;
      process.stderr.write(`line ${lineNumber}: HTTP ${res.status}: ${JSON.stringify(body)}\n`);
      continue;
    }
    const accepted = IngestAccepted.parse(body);
    jobs.push({ line: lineNumber, jobId: accepted.jobId });
    process.stderr.write(`line ${lineNumber}: queued job ${accepted.jobId}${accepted.duplicate ? " (duplicate)" : ""}\n`);
  }

  let failed = 0;
  if (values.wait) {
    for (const job of jobs) {
      const status = await waitForJob(api, job.jobId);
      if (status.articleStatus !== "done" && status.articleStatus !== "duplicate") {
        failed += 1;
        process.stderr.write(`line ${job.line}: job ${job.jobId} ${status.state}: ${status.failedReason ?? "no reason given"}\n`);
      }
    }
  }
  process.stderr.write(`${jobs.length} queued, ${rejected} rejected${values.wait ? `, ${failed} failed` : ""}\n`);
  return rejected + failed > 0 ? 1 : 0;
}

async function waitForJob(api: string, jobId: string): Promise<JobStatus> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const res = await fetch(`${api}/api/jobs/${jobId}`);
    const status = JobStatus.parse(await res.json());
    const settled = status.articleStatus !== null && ["done", "duplicate", "failed"].includes(status.articleStatus);
    if (settled || Date.now() > deadline) return status;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
