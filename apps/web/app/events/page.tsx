// The events behind any count: the filters from the URL, sortable columns and pages (all links, so every view
// is shareable and works without script). Each event links to its article with the evidence highlighted.
import { EventsQuery, eventTypeById, type EventSort } from "@frontline/model";
import type { Metadata } from "next";
import { ExportLinks } from "../../components/export-links.tsx";
import { FilterBar } from "../../components/filter-bar.tsx";
import { filterSearch, pickFilters } from "../../lib/event-filters.ts";
import { DEFAULT_EVENTS_PAGE_SIZE, listEvents } from "../../lib/events.ts";
import { filterOptions } from "../../lib/filter-options.ts";
import { hrefWith } from "../../lib/href.ts";
import { ignoredNotice, ignoredValues, parseQueryLenient } from "../../lib/query-params.ts";
import { getServices } from "../../lib/services.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Frontline — events" };

const COLUMNS: { sort: EventSort | null; label: string; className?: string }[] = [
  { sort: "date", label: "Date" },
  { sort: "type", label: "Event type" },
  { sort: "region", label: "Region / place" },
  { sort: "actor", label: "Actors" },
  { sort: "claim", label: "Claim" },
  { sort: "source", label: "Source" },
  { sort: null, label: "Evidence" },
  { sort: "confidence", label: "Confidence", className: "num" },
];

export default async function EventsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  // Pages are numbered here; a cursor (the API's) is not read, so it can't conflict with page.
  const { query, ignored } = parseQueryLenient(EventsQuery, { ...params, cursor: undefined });
  const { db } = getServices();
  const [page, sources] = await Promise.all([
    listEvents(db, { ...query, page: query.page ?? 1 }),
    db.$queryRaw<
      { source: string }[]
    >`SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY 1 LIMIT 500`,
  ]);
  const sort = query.sort ?? "date";
  const order = query.order ?? "desc";
  const pageNo = query.page ?? 1;
  const limit = query.limit ?? DEFAULT_EVENTS_PAGE_SIZE;
  const pages = Math.max(1, Math.ceil((page.total ?? 0) / limit));
  const filters = pickFilters(query);

  return (
    <main>
      <header className="page-header">
        <h1>Events</h1>
        <p className="muted">
          {page.total ?? page.events.length} {page.total === 1 ? "event" : "events"} match
          {Object.keys(filters).length === 0 ? " (no filters)" : " the filters"}.{" "}
          <a href={`/${filterSearch(filters)}`}>Back to the dashboard with these filters</a>
        </p>
      </header>
      <div className="main-column">
        <FilterBar
          options={filterOptions(sources.map((s) => s.source))}
          error={ignoredNotice(ignored)}
          ignored={ignoredValues(params, ignored)}
        />
        <section className="card" aria-labelledby="events-heading">
          <h2 id="events-heading" className="visually-hidden">
            Event list
          </h2>
          {page.events.length === 0 ? (
            <p className="muted">No events match.</p>
          ) : (
            <div className="table-scroll">
              <table data-testid="events-table">
                <caption className="visually-hidden">
                  Events, sorted by {sort} ({order === "asc" ? "ascending" : "descending"}); column headers sort
                </caption>
                <thead>
                  <tr>
                    {COLUMNS.map((column) => {
                      const active = column.sort === sort;
                      const nextOrder = active && order === "desc" ? "asc" : "desc";
                      return (
                        <th
                          key={column.label}
                          scope="col"
                          className={column.className}
                          aria-sort={active ? (order === "asc" ? "ascending" : "descending") : undefined}
                        >
                          {column.sort ? (
                            <a
                              className="sort-link"
                              href={hrefWith("/events", params, { sort: column.sort, order: nextOrder })}
                            >
                              {column.label}
                              {active ? (order === "asc" ? " ▲" : " ▼") : ""}
                            </a>
                          ) : (
                            column.label
                          )}
                        </th>
                      );
                    })}
                  </tr>
                </thead>
                <tbody>
                  {page.events.map((event) => (
                    <tr key={event.id} data-event-id={event.id}>
                      <td className="nowrap">
                        {event.date?.value ?? <span className="muted">{event.article?.publishedAt ?? "—"}</span>}
                      </td>
                      <td>{eventTypeById(event.type)?.label ?? event.type}</td>
                      <td>
                        {event.region?.name ?? "—"}
                        {event.place && <span className="muted"> · {event.place.name}</span>}
                      </td>
                      <td>
                        {event.actor1?.name ?? "—"}
                        {event.actor2 && <span className="muted"> vs {event.actor2.name}</span>}
                      </td>
                      <td>
                        {event.claim ? `${event.claim.status}${event.claim.by ? ` (${event.claim.by})` : ""}` : "—"}
                      </td>
                      <td>{event.article?.source ?? "—"}</td>
                      <td>
                        <a href={`/articles/${event.articleId}#event-${event.id}`} data-testid="evidence-link">
                          {event.evidence.text.length > 160
                            ? `${event.evidence.text.slice(0, 157)}…`
                            : event.evidence.text}
                        </a>
                      </td>
                      <td className="num">{event.confidence.toFixed(2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav className="pager" aria-label="Pages">
            {pageNo > 1 ? (
              <a href={hrefWith("/events", params, { page: String(pageNo - 1) })}>← Previous</a>
            ) : (
              <span className="muted">← Previous</span>
            )}
            <span>
              Page {pageNo} of {pages}
            </span>
            {page.nextCursor ? (
              <a href={hrefWith("/events", params, { page: String(pageNo + 1) })}>Next →</a>
            ) : (
              <span className="muted">Next →</span>
            )}
          </nav>
        </section>
        <ExportLinks search={filterSearch(filters)} />
      </div>
    </main>
  );
}
