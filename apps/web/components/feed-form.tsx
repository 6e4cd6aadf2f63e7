"use client";
// Subscribe to an RSS/Atom feed (POST /api/feeds) and see the subscribed feeds with their polling state.
import type { FeedList } from "@frontline/model";
import { type FormEvent, useCallback, useEffect, useId, useState } from "react";
import { redactUrl } from "../lib/display-url.ts";

export function FeedForm() {
  const id = useId();
  const [feeds, setFeeds] = useState<FeedList["feeds"] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const response = await fetch("/api/feeds", { cache: "no-store" });
    if (response.ok) setFeeds(((await response.json()) as FeedList).feeds);
  }, []);
  useEffect(() => {
    void load().catch(() => setMessage("Could not load the feeds."));
  }, [load]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const body: Record<string, string | number> = { url: String(data.get("url") ?? "").trim() };
    const interval = String(data.get("intervalSeconds") ?? "").trim();
    if (interval) body.intervalSeconds = Number(interval);
    setBusy(true);
    setMessage(null);
    setFieldErrors({});
    try {
      const response = await fetch("/api/feeds", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const answer = (await response.json().catch(() => ({}))) as {
        error?: string;
        fieldErrors?: Record<string, string[]>;
      };
      if (response.ok) {
        setMessage(response.status === 201 ? "Subscribed." : "Already subscribed; settings updated.");
        form.reset();
        await load();
      } else {
        setFieldErrors(answer.fieldErrors ?? {});
        setMessage(answer.error ?? `The server answered ${response.status}`);
      }
    } catch (err) {
      setMessage(`Could not reach the server: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Feeds</h2>
      <form onSubmit={onSubmit} noValidate>
        <label htmlFor={`${id}-url`}>Feed URL</label>
        <input
          id={`${id}-url`}
          name="url"
          type="url"
          placeholder="https://example.org/rss.xml"
          aria-invalid={fieldErrors.url ? true : undefined}
        />
        {fieldErrors.url && <p className="field-error">{fieldErrors.url.join("; ")}</p>}
        <label htmlFor={`${id}-interval`}>
          Poll every (seconds) <span className="muted">(optional)</span>
        </label>
        <input id={`${id}-interval`} name="intervalSeconds" type="number" min={60} step={60} />
        {fieldErrors.intervalSeconds && <p className="field-error">{fieldErrors.intervalSeconds.join("; ")}</p>}
        <button type="submit" disabled={busy}>
          {busy ? "Subscribing…" : "Subscribe"}
        </button>
      </form>
      <p aria-live="polite">{message}</p>
      {feeds && feeds.length > 0 && (
        <ul className="job-list">
          {feeds.map((feed) => (
            <li key={feed.id}>
              {feed.title ?? redactUrl(feed.url)}
              <span className="muted">
                {" "}
                · every {feed.intervalSeconds} s
                {feed.lastSuccessAt && ` · last polled ${feed.lastSuccessAt.slice(0, 16)}Z`}
              </span>
              {feed.lastError && <p className="field-error">Last error: {feed.lastError}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
