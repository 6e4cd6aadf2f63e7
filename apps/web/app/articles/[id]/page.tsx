// One article: its text with each event's evidence sentence highlighted (stored offsets) and every recognised
// place and actor marked, its events, regions and actors. The text is rendered as React text: always escaped.
import { actorById, eventTypeById, regionByCode } from "@frontline/model";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { type Segment, segmentText, type Term } from "../../../lib/highlight.ts";
import { getServices } from "../../../lib/services.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Frontline — article" };

const Params = z.object({ id: z.uuid() });

export default async function ArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = Params.safeParse(await params);
  if (!parsed.success) notFound();
  const { db } = getServices();
  const article = await db.article.findUnique({
    where: { id: parsed.data.id },
    select: {
      id: true,
      title: true,
      source: true,
      url: true,
      text: true,
      status: true,
      publishedAt: true,
      receivedAt: true,
      processedAt: true,
      failureReason: true,
      events: { orderBy: { ordinal: "asc" } },
      regions: { orderBy: { mentions: "desc" } },
      actors: { orderBy: { mentions: "desc" } },
    },
  });
  if (!article) notFound();
  // How many reports (events) and articles each of this article's incidents has, for the links to them.
  const incidentIds = [...new Set(article.events.flatMap((e) => (e.incidentId ? [e.incidentId] : [])))];
  const incidentReach = new Map(
    (incidentIds.length > 0
      ? await db.$queryRaw<{ id: string; reports: number; articles: number }[]>`
          SELECT incident_id::text AS id, count(*)::int AS reports, count(DISTINCT article_id)::int AS articles
          FROM events WHERE incident_id = ANY(${incidentIds}::uuid[]) GROUP BY incident_id`
      : []
    ).map((r) => [r.id, r]),
  );

  const terms: Term[] = [];
  for (const r of article.regions) {
    const region = regionByCode(r.regionCode);
    const label = `${region?.name ?? r.regionCode} (${r.regionCode})`;
    for (const text of [region?.name, region?.capital, ...(region?.aliases ?? [])]) {
      if (text) terms.push({ text, kind: "place", label });
    }
  }
  for (const e of article.events) if (e.placeName) terms.push({ text: e.placeName, kind: "place", label: e.placeName });
  for (const a of article.actors) {
    const actor = actorById(a.actorId);
    for (const text of [actor?.name, ...(actor?.aliases ?? [])]) {
      if (text) terms.push({ text, kind: "actor", label: actor?.name ?? a.actorId });
    }
  }
  const text = article.text ?? "";
  const segments = segmentText(
    text,
    article.events.map((e) => ({ start: e.evidenceStart, end: e.evidenceEnd, eventId: e.id })),
    terms,
  );

  return (
    <main>
      <header className="page-header">
        <h1 data-testid="article-title">{article.title ?? "Untitled article"}</h1>
        <p className="muted">
          {article.source ?? "unknown source"}
          {article.publishedAt && ` · published ${article.publishedAt.toISOString().slice(0, 10)}`}
          {` · ${article.status}`}
          {article.url && (
            <>
              {" · "}
              <a href={article.url} rel="noopener noreferrer nofollow">
                original
              </a>
            </>
          )}
        </p>
      </header>
      <div className="layout">
        <div className="main-column">
          <section className="card" aria-labelledby="text-heading">
            <h2 id="text-heading">Text</h2>
            <ul className="legend" aria-label="Marks">
              <li>
                <mark className="evidence">evidence</mark>
              </li>
              <li>
                <mark className="place">place</mark>
              </li>
              <li>
                <mark className="actor">actor</mark>
              </li>
            </ul>
            {text ? (
              <div className="article-text" data-testid="article-text">
                {renderSegments(segments)}
              </div>
            ) : (
              <p className="muted">No text stored{article.failureReason ? `: ${article.failureReason}` : ""}.</p>
            )}
          </section>
        </div>
        <aside className="side-column">
          <section className="card" aria-labelledby="events-heading">
            <h2 id="events-heading">Events ({article.events.length})</h2>
            <ol>
              {article.events.map((e) => (
                <li key={e.id}>
                  <a href={`#event-${e.id}`}>{eventTypeById(e.type)?.label ?? e.type}</a>
                  {e.regionCode && ` · ${regionByCode(e.regionCode)?.name ?? e.regionCode}`}
                  {e.date && ` · ${e.date.toISOString().slice(0, 10)}`}
                  {e.claimStatus && ` · ${claimText(e)}`}
                  {e.incidentId && <IncidentLink id={e.incidentId} reach={incidentReach.get(e.incidentId)} />}
                </li>
              ))}
            </ol>
            <p className="muted">Each event links to its incident: every report of it, across articles and outlets.</p>
          </section>
          <section className="card" aria-labelledby="mentions-heading">
            <h2 id="mentions-heading">Mentioned</h2>
            <p>
              <strong>Regions where its events happened:</strong>{" "}
              {regionList(article.regions.filter((r) => r.role === "event")) || "none"}
            </p>
            <p>
              <strong>Regions only mentioned</strong> (not counted):{" "}
              {regionList(article.regions.filter((r) => r.role === "mention")) || "none"}
            </p>
            <p>
              <strong>Actors:</strong>{" "}
              {article.actors.map((a) => `${actorById(a.actorId)?.name ?? a.actorId} (${a.mentions})`).join(", ") ||
                "none"}
            </p>
          </section>
        </aside>
      </div>
    </main>
  );
}

function IncidentLink({ id, reach }: { id: string; reach?: { reports: number; articles: number } }) {
  const others = (reach?.articles ?? 1) - 1;
  return (
    <>
      {" · "}
      <a href={`/incidents/${id}`} data-testid="incident-link">
        incident{others > 0 ? ` (also in ${others} other ${others === 1 ? "article" : "articles"})` : ""}
      </a>
    </>
  );
}

function renderSegments(segments: Segment[]) {
  // Group consecutive segments of one evidence span into one <mark>, with the terms nested inside.
  const out: React.ReactNode[] = [];
  let i = 0;
  const termNode = (s: Segment, key: string) =>
    s.term ? (
      <mark key={key} className={s.term.kind} title={s.term.label}>
        {s.text}
      </mark>
    ) : (
      s.text
    );
  while (i < segments.length) {
    const s = segments[i]!;
    if (s.evidence) {
      const span = s.evidence;
      const inner: React.ReactNode[] = [];
      while (i < segments.length && segments[i]!.evidence === span) {
        inner.push(termNode(segments[i]!, `t${i}`));
        i++;
      }
      out.push(
        <mark
          key={`e${span.start}`}
          className="evidence"
          id={`event-${span.eventIds[0]}`}
          data-event-ids={span.eventIds.join(" ")}
          title="Evidence of an extracted event"
        >
          {span.eventIds.slice(1).map((id) => (
            <span key={id} id={`event-${id}`} />
          ))}
          {inner}
        </mark>,
      );
    } else {
      out.push(termNode(s, `t${i}`));
      i++;
    }
  }
  return out;
}

/** "Kharkiv Oblast (named 3×), Sumy Oblast (named 1×)": regions with how often the article names them. */
function regionList(regions: readonly { regionCode: string; mentions: number }[]): string {
  return regions.map((r) => `${regionByCode(r.regionCode)?.name ?? r.regionCode} (named ${r.mentions}×)`).join(", ");
}

/** "contested: claimed by Russian Ministry of Defence, disputed by Government of Ukraine". */
function claimText(e: { claimStatus: string | null; claimBy: string | null; claimDisputedBy: string | null }): string {
  if (e.claimStatus === "contested" && (e.claimBy || e.claimDisputedBy))
    return `contested: claimed by ${e.claimBy ?? "one side"}, disputed by ${e.claimDisputedBy ?? "the other"}`;
  return `${e.claimStatus}${e.claimBy ? ` by ${e.claimBy}` : ""}`;
}
