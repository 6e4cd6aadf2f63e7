"use client";
// Shown when a page cannot be rendered (the database or the queue is unreachable, a query failed). In production
// Next hides the server's message; its digest matches the server log line, so it is shown for a bug report.
export default function ErrorState({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <main>
      <section className="card notice" role="alert" data-testid="error-state">
        <h2>This view could not be loaded</h2>
        <p>
          Frontline could not answer just now: usually the database or the queue is unreachable. Nothing you submitted
          is lost; accepted articles are stored before they are queued.
        </p>
        <p className="muted">
          {error.message}
          {error.digest && ` (reference ${error.digest})`}
        </p>
        <button type="button" onClick={() => retry()}>
          Try again
        </button>
      </section>
    </main>
  );
}
