"use client";
// Recent ingest jobs, refreshed every few seconds without reloading (GET /api/jobs): waiting, active, completed
// or failed with the reason, and a Retry button for failed ones (POST /api/jobs/:id/retry).
import type { JobsList, JobSummary, RetryAccepted } from "@frontline/model";
import { useCallback, useEffect, useState } from "react";
import { redactUrl } from "../lib/display-url.ts";

const REFRESH_MS = 2000;

const jobLabel = (job: JobSummary) => job.title ?? (job.url ? redactUrl(job.url) : `article ${job.id.slice(0, 8)}`);

export function RecentJobs({ limit = 10, heading = "Recent jobs" }: { limit?: number; heading?: string }) {
  const [list, setList] = useState<JobsList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const response = await fetch(`/api/jobs?limit=${limit}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      setList((await response.json()) as JobsList);
      setError(null);
    } catch (err) {
      setError(`Could not load the jobs: ${(err as Error).message}`);
    }
  }, [limit]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (document.visibilityState === "visible") await load();
      if (!stopped) timer = setTimeout(tick, REFRESH_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [load]);

  async function retry(job: JobSummary) {
    setBusy(job.id);
    setMessage(null);
    try {
      const response = await fetch(`/api/jobs/${job.id}/retry`, { method: "POST" });
      const body = (await response.json()) as RetryAccepted & { error?: string };
      if (!response.ok) throw new Error(body.error ?? `the server answered ${response.status}`);
      setMessage(body.requeued ? "Queued again." : `Not queued again: the job is ${body.state}.`);
      await load();
    } catch (err) {
      setMessage(`Retry failed: ${(err as Error).message}`);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card" aria-labelledby="recent-jobs-heading" data-testid="recent-jobs">
      <h2 id="recent-jobs-heading">{heading}</h2>
      {list && (
        <p className="muted">
          Queue:{" "}
          {Object.entries(list.counts)
            .map(([state, n]) => `${n} ${state}`)
            .join(", ")}
        </p>
      )}
      <div aria-live="polite">
        {error && <p className="field-error">{error}</p>}
        {message && <p>{message}</p>}
      </div>
      {!list && !error && <p className="muted">Loading…</p>}
      {list && list.jobs.length === 0 && <p className="muted">No jobs yet.</p>}
      {list && list.jobs.length > 0 && (
        <ul className="job-list">
          {list.jobs.map((job) => (
            <li key={job.id} data-job-id={job.id} data-state={job.state}>
              <span className={`state state-${job.state}`}>{job.state}</span>{" "}
              {job.articleStatus === "done" ? (
                <a href={`/articles/${job.id}`}>{jobLabel(job)}</a>
              ) : (
                <span>{jobLabel(job)}</span>
              )}
              <span className="muted">
                {" "}
                · {job.kind}
                {job.source && ` · ${job.source}`} · {job.events} {job.events === 1 ? "event" : "events"}
              </span>
              {job.state === "failed" && (
                <>
                  <p className="field-error">Failed: {job.failedReason ?? "no reason was recorded"}</p>
                  <button type="button" onClick={() => void retry(job)} disabled={busy === job.id}>
                    {busy === job.id ? "Retrying…" : "Retry"}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
