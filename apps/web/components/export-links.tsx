// Downloads of the current filtered view: CSV, JSON, and ACLED-compatible CSV (GET /api/export).
export function ExportLinks({ search }: { search: string }) {
  const join = (format: string) => `/api/export${search ? `${search}&` : "?"}format=${format}`;
  return (
    <section className="card" aria-labelledby="export-heading" data-testid="export">
      <h2 id="export-heading">Export</h2>
      <p className="muted">Every event matching the current filters.</p>
      <div className="filter-actions">
        <a className="button-link" href={join("csv")} download>
          CSV
        </a>
        <a className="button-link" href={join("json")} download>
          JSON
        </a>
        <a className="button-link" href={join("acled")} download>
          ACLED CSV
        </a>
        <a className="button-link" href={join("ndjson")} download>
          NDJSON
        </a>
      </div>
    </section>
  );
}
