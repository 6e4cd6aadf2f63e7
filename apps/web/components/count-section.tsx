// One facet of the stats (regions, actors or event types): a heading, a chart, and the same data as a table.
import { type CountUnit, countOf } from "../lib/count-unit.ts";
import { CountChart } from "./count-chart.tsx";

export interface CountRow {
  key: string;
  label: string;
  /** Extra text after the label, e.g. a country code. */
  detail?: string;
  events: number;
  articles?: number;
  /** Drill-down: the events behind this count. */
  href?: string;
}

/** The chart shows at most this many bars; the table lists every row. */
const CHART_LIMIT = 12;

export function CountSection({
  id,
  title,
  keyHeading,
  rows,
  showArticles,
  unit,
}: {
  id: string;
  title: string;
  keyHeading: string;
  rows: CountRow[];
  showArticles: boolean;
  /** What `events` counts: incidents or mentions. */
  unit: CountUnit;
}) {
  const headingId = `${id}-heading`;
  return (
    <section className="card" aria-labelledby={headingId} data-testid={id}>
      <h2 id={headingId}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">None in this period.</p>
      ) : (
        <>
          <CountChart
            rows={rows.slice(0, CHART_LIMIT).map((r) => ({ label: r.label, events: r.events, articles: r.articles }))}
            showArticles={showArticles}
            unit={unit}
          />
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{title}, as a table</caption>
              <thead>
                <tr>
                  <th scope="col">{keyHeading}</th>
                  <th scope="col" className="num">
                    {unit.heading}
                  </th>
                  {showArticles && (
                    <th scope="col" className="num">
                      Articles
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key} data-key={row.key}>
                    <th scope="row">
                      {row.label}
                      {row.detail && <span className="muted nowrap"> {row.detail}</span>}
                    </th>
                    <td className="num">
                      {row.href ? (
                        <a
                          href={row.href}
                          className="row-link"
                          aria-label={`${countOf(row.events, unit)}: ${row.label}; list the events`}
                        >
                          {row.events}
                        </a>
                      ) : (
                        row.events
                      )}
                    </td>
                    {showArticles && <td className="num">{row.articles ?? 0}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
