"use client";
// Paste an article (or give its URL), send it to POST /api/ingest, then follow its job until the worker finishes.
import type { IngestAccepted, JobStatus } from "@frontline/model";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useId, useState } from "react";

const POLL_INTERVAL_MS = 1000;
/** Consecutive failed polls after which we stop and say so. */
const MAX_POLL_FAILURES = 5;

type FieldName = "text" | "url" | "title" | "source" | "publishedAt";
type Mode = "text" | "url";
type FieldErrors = Partial<Record<string, string[]>>;

interface ErrorBody {
  error?: string;
  fieldErrors?: FieldErrors;
  formErrors?: string[];
}

const isFinished = (status: JobStatus | null) => status?.state === "completed" || status?.state === "failed";

export function IngestForm() {
  const router = useRouter();
  const formId = useId();
  const [submitting, setSubmitting] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [accepted, setAccepted] = useState<IngestAccepted | null>(null);
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>("text");

  // Follow the accepted job; stop when it finishes, and refresh the server-rendered counts on success.
  useEffect(() => {
    if (!accepted) return;
    let stopped = false;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const poll = async () => {
      try {
        const response = await fetch(`/api/jobs/${accepted.jobId}`, { cache: "no-store" });
        if (!response.ok) throw new Error(`status request answered ${response.status}`);
        const next = (await response.json()) as JobStatus;
        if (stopped) return;
        failures = 0;
        setPollError(null);
        setStatus(next);
        if (isFinished(next)) {
          if (next.state === "completed") router.refresh();
          return;
        }
      } catch (err) {
        if (stopped) return;
        failures++;
        if (failures >= MAX_POLL_FAILURES) {
          setPollError(`Could not read the job's status: ${(err as Error).message}`);
          return;
        }
      }
      timer = setTimeout(poll, POLL_INTERVAL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [accepted, router]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const body: Partial<Record<FieldName, string>> = {};
    for (const name of [mode, "title", "source", "publishedAt"] as const) {
      const value = String(data.get(name) ?? "").trim();
      if (value !== "") body[name] = value;
    }
    // Caught here: the API's own answer ("give exactly one of text, url or html") names a field this form lacks.
    if (body[mode] === undefined) {
      setFieldErrors({ [mode]: [mode === "text" ? "Enter the article's text" : "Enter a URL"] });
      setFormError(null);
      return;
    }

    setSubmitting(true);
    setFieldErrors({});
    setFormError(null);
    setPollError(null);
    setAccepted(null);
    setStatus(null);
    try {
      const response = await fetch("/api/ingest", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const answer = (await response.json().catch(() => ({}))) as IngestAccepted & ErrorBody;
      if (response.status === 202) {
        setAccepted(answer);
        form.reset();
      } else {
        setFieldErrors(answer.fieldErrors ?? {});
        const formErrors = answer.formErrors?.length ? `: ${answer.formErrors.join("; ")}` : "";
        setFormError(`${answer.error ?? `The server answered ${response.status}`}${formErrors}`);
      }
    } catch (err) {
      setFormError(`Could not reach the server: ${(err as Error).message}`);
    } finally {
      setSubmitting(false);
    }
  }

  const fieldProps = (name: FieldName) => {
    const errors = fieldErrors[name];
    return {
      id: `${formId}-${name}`,
      name,
      "aria-invalid": errors ? true : undefined,
      "aria-describedby": errors ? `${formId}-${name}-error` : undefined,
    };
  };
  const fieldError = (name: FieldName) =>
    fieldErrors[name] ? (
      <p className="field-error" id={`${formId}-${name}-error`}>
        {fieldErrors[name]?.join("; ")}
      </p>
    ) : null;

  return (
    <section className="card" aria-labelledby={`${formId}-heading`}>
      <h2 id={`${formId}-heading`}>Ingest an article</h2>
      <form onSubmit={onSubmit} noValidate>
        <fieldset className="mode-toggle">
          <legend className="visually-hidden">What to submit</legend>
          <label>
            <input type="radio" name="mode" checked={mode === "text"} onChange={() => setMode("text")} /> Text
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === "url"} onChange={() => setMode("url")} /> URL
          </label>
        </fieldset>
        {mode === "text" ? (
          <>
            <label htmlFor={`${formId}-text`}>Article text</label>
            <textarea {...fieldProps("text")} rows={8} placeholder="Paste the article's text here" />
            {fieldError("text")}
          </>
        ) : (
          <>
            <label htmlFor={`${formId}-url`}>Article URL</label>
            <input {...fieldProps("url")} type="url" inputMode="url" placeholder="https://…" />
            {fieldError("url")}
            {/* The API reports a wrong combination under "text": show it here too. */}
            {fieldError("text")}
          </>
        )}

        <div className="field-row">
          <div>
            <label htmlFor={`${formId}-title`}>
              Title <span className="muted">(optional)</span>
            </label>
            <input {...fieldProps("title")} type="text" maxLength={500} />
            {fieldError("title")}
          </div>
          <div>
            <label htmlFor={`${formId}-source`}>
              Source <span className="muted">(optional)</span>
            </label>
            <input {...fieldProps("source")} type="text" maxLength={200} />
            {fieldError("source")}
          </div>
          <div>
            <label htmlFor={`${formId}-publishedAt`}>
              Published <span className="muted">(optional)</span>
            </label>
            <input {...fieldProps("publishedAt")} type="date" />
            {fieldError("publishedAt")}
          </div>
        </div>

        <button type="submit" disabled={submitting}>
          {submitting ? "Sending…" : "Ingest"}
        </button>
      </form>

      <div role="status" aria-live="polite" className="job-status">
        {formError && <p className="field-error">{formError}</p>}
        {accepted && (
          <p>
            Job <code>{accepted.jobId}</code>
            {accepted.duplicate && " (this text was already ingested)"}:{" "}
            <strong data-testid="job-state">{status?.state ?? accepted.status}</strong>
            {status?.state === "completed" &&
              status.events !== null &&
              ` — ${status.events} ${status.events === 1 ? "event" : "events"} extracted`}
          </p>
        )}
        {status?.state === "failed" && (
          <p className="field-error">Failed: {status.failedReason ?? "no reason was recorded"}</p>
        )}
        {pollError && <p className="field-error">{pollError}</p>}
      </div>
    </section>
  );
}
