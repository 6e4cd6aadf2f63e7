// The dashboard: a map, charts and counts for the filters in the URL, each count a link to the events behind it.
import { eventTypes, type StatsResponse } from "@frontline/model";
import type { Metadata } from "next";
import { CountSection } from "../components/count-section.tsx";
import { ExportLinks } from "../components/export-links.tsx";
import { FilterBar } from "../components/filter-bar.tsx";
import { IngestForm } from "../components/ingest-form.tsx";
import { RecentJobs } from "../components/recent-jobs.tsx";
import { RegionMap } from "../components/region-map.tsx";
import { SeriesChart } from "../components/series-chart.tsx";
import { type CountUnit, countUnit } from "../lib/count-unit.ts";
import { filterSearch, pickFilters } from "../lib/event-filters.ts";
import { filterOptions } from "../lib/filter-options.ts";
import { hrefWith } from "../lib/href.ts";
import { getServices } from "../lib/services.ts";
import { getStats } from "../lib/stats.ts";
import { ignoredNotice, ignoredValues } from "../lib/query-params.ts";
import { parseStatsPageQuery } from "../lib/stats-query.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Frontline — dashboard" };

const utcDateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const typeLabels = Object.fromEntries(eventTypes.map((t) => [t.id, t.label]));

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const { query, ignored } = parseStatsPageQuery(params);
  const filters = pickFilters(query);
  const bucket = query.bucket ?? "week";
  const count = query.count ?? "incidents";
  const unit = countUnit(count);
  const { db } = getServices();
  const [stats, allSources] = await Promise.all([
    getStats(db, { ...query, count, bucket }),
    db.$queryRaw<
      { source: string }[]
    >`SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY 1 LIMIT 500`,
  ]);
  const filtered = Object.keys(filters).length > 0;
  const isEmpty = stats.totals.articles === 0 && stats.totals.events === 0;
  const eventsHref = (extra: Record<string, string>) => `/events${filterSearch({ ...filters, ...extra })}`;
  const here = (changes: Record<string, string | null>) => hrefWith("/", params, changes);

  return (
    <main>
      <header className="page-header">
        <h1>Frontline</h1>
        <p className="muted">Events, regions and actors extracted from conflict reporting.</p>
      </header>

      <div className="layout">
        <div className="main-column">
          <FilterBar
            options={filterOptions(allSources.map((s) => s.source))}
            error={ignoredNotice(ignored)}
            ignored={ignoredValues(params, ignored)}
          />
          <section className="card" aria-labelledby="count-heading">
            <h2 id="count-heading" className="visually-hidden">
              What to count
            </h2>
            <div className="filter-actions">
              <span>Count:</span>
              <nav className="segmented" aria-label="Count incidents or mentions">
                <a href={here({ count: null })} aria-current={count === "incidents" ? "true" : undefined}>
                  Incidents
                </a>
                <a href={here({ count: "mentions" })} aria-current={count === "mentions" ? "true" : undefined}>
                  Mentions
                </a>
              </nav>
              <span>Series by:</span>
              <nav className="segmented" aria-label="Time series bucket">
                <a href={here({ bucket: "day" })} aria-current={bucket === "day" ? "true" : undefined}>
                  Day
                </a>
                <a href={here({ bucket: null })} aria-current={bucket === "week" ? "true" : undefined}>
                  Week
                </a>
              </nav>
            </div>
          </section>

          <Totals stats={stats} unit={unit} />
          {isEmpty ? (
            <section className="card empty" aria-labelledby="empty-heading">
              <h2 id="empty-heading">No data yet</h2>
              <p>
                {filtered
                  ? "No processed articles match these filters."
                  : "Nothing has been ingested yet. Paste an article into the form to start."}
              </p>
            </section>
          ) : (
            <>
              <RegionMap
                stats={stats}
                selected={filters.region}
                hrefFor={(code) => here({ region: code })}
                unit={unit}
              />
              <section className="card" aria-labelledby="series-heading" data-testid="series">
                <h2 id="series-heading">Over time, by event type</h2>
                {stats.series && stats.series.points.length > 0 ? (
                  <SeriesChart points={stats.series.points} labels={typeLabels} bucket={bucket} unit={unit} />
                ) : (
                  <p className="muted">No dated events.</p>
                )}
              </section>
              <CountSection
                id="by-region"
                title="By region"
                keyHeading="Region"
                showArticles
                unit={unit}
                rows={stats.byRegion.map((r) => ({
                  key: r.code,
                  label: r.name,
                  detail: r.code,
                  href: eventsHref({ region: r.code }),
                  ...r,
                }))}
              />
              <CountSection
                id="by-actor"
                title="By actor"
                keyHeading="Actor"
                showArticles
                unit={unit}
                rows={stats.byActor.map((a) => ({
                  key: a.id,
                  label: a.name,
                  href: eventsHref({ actor: a.id }),
                  ...a,
                }))}
              />
              <CountSection
                id="by-event-type"
                title="By event type"
                keyHeading="Event type"
                showArticles={false}
                unit={unit}
                rows={stats.byEventType.map((t) => ({
                  key: t.type,
                  label: t.label,
                  events: t.events,
                  href: eventsHref({ type: t.type }),
                }))}
              />
              <CountSection
                id="by-source"
                title="By source"
                keyHeading="Source"
                showArticles
                unit={unit}
                rows={(stats.bySource ?? []).map((s) => ({
                  key: s.source,
                  label: s.source,
                  events: s.events,
                  articles: s.articles,
                  href: eventsHref({ source: s.source }),
                }))}
              />
              <CountSection
                id="by-claim"
                title="By claim status"
                keyHeading="Claim status"
                showArticles={false}
                unit={unit}
                rows={(stats.byClaim ?? []).map((c) => ({
                  key: c.claim,
                  label: c.claim,
                  events: c.events,
                  href: eventsHref({ claim: c.claim }),
                }))}
              />
            </>
          )}
          <ExportLinks search={filterSearch(filters)} />
        </div>
        <aside className="side-column">
          <IngestForm />
          <RecentJobs limit={8} />
        </aside>
      </div>
    </main>
  );
}

function Totals({ stats, unit }: { stats: StatsResponse; unit: CountUnit }) {
  return (
    <section className="card" aria-labelledby="totals-heading">
      <h2 id="totals-heading">Totals</h2>
      <dl className="totals">
        <div>
          <dt>{unit.heading}</dt>
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
      <p className="muted hint">
        {unit.heading === "Incidents"
          ? "Incidents merge the reports of one real-world event across articles and outlets, and count on the day they began. "
          : "Mentions are every event extracted from every article, on its own date (else its article's publication or receipt date). "}
        <a href="/events">All events</a>
      </p>
    </section>
  );
}
