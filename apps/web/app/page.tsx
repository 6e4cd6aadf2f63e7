// The dashboard: totals and counts by region, actor and event type, read straight from Postgres.
import type { StatsResponse } from "@frontline/model";
import { CountSection } from "../components/count-section.tsx";
import { IngestForm } from "../components/ingest-form.tsx";
import { getServices } from "../lib/services.ts";
import { getStats } from "../lib/stats.ts";
import { parseStatsQuery } from "../lib/stats-query.ts";

export const dynamic = "force-dynamic";

const utcDateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const parsed = parseStatsQuery(await searchParams);
  const query = parsed.ok ? parsed.query : {};
  const stats = await getStats(getServices().db, query);
  const isEmpty = stats.totals.articles === 0 && stats.totals.events === 0;

  return (
    <main>
      <header className="page-header">
        <h1>Frontline</h1>
        <p className="muted">Events, regions and actors extracted from conflict reporting.</p>
      </header>

      <div className="layout">
        <div className="main-column">
          <Totals stats={stats} />
          <WindowForm from={query.from} to={query.to} error={parsed.ok ? null : parsed.error.fieldErrors} />
          {isEmpty ? (
            <section className="card empty" aria-labelledby="empty-heading">
              <h2 id="empty-heading">No data yet</h2>
              <p>
                {query.from || query.to
                  ? "No processed articles fall in this period."
                  : "Nothing has been ingested yet. Paste an article into the form to start."}
              </p>
            </section>
          ) : (
            <>
              <CountSection
                id="by-region"
                title="By region"
                keyHeading="Region"
                showArticles
                rows={stats.byRegion.map((r) => ({ key: r.code, label: r.name, detail: r.code, ...r }))}
              />
              <CountSection
                id="by-actor"
                title="By actor"
                keyHeading="Actor"
                showArticles
                rows={stats.byActor.map((a) => ({ key: a.id, label: a.name, ...a }))}
              />
              <CountSection
                id="by-event-type"
                title="By event type"
                keyHeading="Event type"
                showArticles={false}
                rows={stats.byEventType.map((t) => ({ key: t.type, label: t.label, events: t.events }))}
              />
            </>
          )}
        </div>
        <aside className="side-column">
          <IngestForm />
        </aside>
      </div>
    </main>
  );
}

function Totals({ stats }: { stats: StatsResponse }) {
  return (
    <section className="card" aria-labelledby="totals-heading">
      <h2 id="totals-heading">Totals</h2>
      <dl className="totals">
        <div>
          <dt>Events</dt>
          <dd data-testid="total-events">{stats.totals.events}</dd>
        </div>
        <div>
          <dt>Articles processed</dt>
          <dd data-testid="total-articles">{stats.totals.articles}</dd>
        </div>
        <div>
          <dt>Latest data</dt>
          <dd className="latest">
            {stats.latestAt ? (
              <time dateTime={stats.latestAt}>{utcDateTime.format(new Date(stats.latestAt))} UTC</time>
            ) : (
              <span className="muted">none yet</span>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** A plain GET form: the window lives in the URL, so it works without JavaScript and can be shared. */
function WindowForm({ from, to, error }: { from?: string; to?: string; error: Record<string, string[]> | null }) {
  return (
    <form className="card window-form" method="get" aria-label="Date window">
      <div>
        <label htmlFor="window-from">From</label>
        <input id="window-from" name="from" type="date" defaultValue={from} />
      </div>
      <div>
        <label htmlFor="window-to">To</label>
        <input id="window-to" name="to" type="date" defaultValue={to} />
      </div>
      <button type="submit">Apply</button>
      {error && (
        <p className="field-error" role="alert">
          Ignored an invalid date window: {Object.values(error).flat().join("; ")}
        </p>
      )}
      <p className="muted hint">Events count by their own date, else their article's publication or receipt date.</p>
    </form>
  );
}
