// Shown while a page's server components load (the dashboard's counts, the events table), so a slow query reads as
// "loading", not as a blank page.
export default function Loading() {
  return (
    <main>
      <section className="card" role="status" aria-live="polite" data-testid="loading">
        <h2>Loading…</h2>
        <p className="muted">Counting the events for these filters.</p>
      </section>
    </main>
  );
}
