// One incident: every report of it across articles and outlets, each with its evidence sentence and a link to the
// article where the sentence is highlighted. Text is rendered as React text: always escaped.
import { actorById, eventTypeById, regionByCode } from "@frontline/model";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getServices } from "../../../lib/services.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Frontline — incident" };

const Params = z.object({ id: z.uuid() });
const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = Params.safeParse(await params);
  if (!parsed.success) notFound();
  const { db } = getServices();
  const incident = await db.incident.findUnique({
    where: { id: parsed.data.id },
    include: {
      events: {
        include: {
          article: {
            select: {
              id: true,
              title: true,
              source: true,
              url: true,
              status: true,
              publishedAt: true,
              sourceLinks: { select: { id: true, url: true, source: true }, orderBy: { receivedAt: "asc" } },
            },
          },
        },
        orderBy: [{ article: { publishedAt: "asc" } }, { articleId: "asc" }, { ordinal: "asc" }],
      },
    },
  });
  if (!incident) notFound();

  const articles = new Map<string, (typeof incident.events)[number]["article"]>();
  for (const e of incident.events) articles.set(e.article.id, e.article);
  const outlets = new Set([...articles.values()].map((a) => a.source ?? "unknown source"));
  const start = day(incident.dateStart);
  const end = day(incident.dateEnd);
  const actors = [incident.actor1Id, incident.actor2Id].flatMap((id) => (id ? [actorById(id)?.name ?? id] : []));

  return (
    <main>
      <header className="page-header">
        <h1 data-testid="incident-title">
          {eventTypeById(incident.type)?.label ?? incident.type}
          {incident.regionCode && ` in ${regionByCode(incident.regionCode)?.name ?? incident.regionCode}`}
        </h1>
        <p className="muted">
          {incident.family}
          {incident.placeName && ` · ${incident.placeName}`}
          {start && ` · ${start === end || !end ? start : `${start} to ${end}`}`}
          {actors.length > 0 && ` · ${actors.join(" and ")}`}
        </p>
      </header>
      <section className="card" aria-labelledby="reports-heading">
        <h2 id="reports-heading">
          Reports: <span data-testid="incident-reports">{incident.events.length}</span> in{" "}
          <span data-testid="incident-articles">{articles.size}</span> {articles.size === 1 ? "article" : "articles"}{" "}
          from {outlets.size} {outlets.size === 1 ? "outlet" : "outlets"}
        </h2>
        <div className="table-scroll">
          <table data-testid="incident-sources">
            <caption className="visually-hidden">Every report of this incident, with its evidence</caption>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Published</th>
                <th scope="col">Evidence</th>
                <th scope="col">Claim</th>
              </tr>
            </thead>
            <tbody>
              {incident.events.map((e) => (
                <tr key={e.id} data-article={e.article.id}>
                  <th scope="row">
                    <a href={`/articles/${e.article.id}#event-${e.id}`}>{e.article.title ?? "Untitled article"}</a>
                    <div className="muted">
                      {e.article.source ?? "unknown source"}
                      {e.article.status !== "done" && ` · ${e.article.status}`}
                    </div>
                    {e.article.sourceLinks
                      .filter((s) => s.url)
                      .map((s) => (
                        <div key={s.id}>
                          <a href={s.url!} rel="noopener noreferrer nofollow">
                            {s.source ?? new URL(s.url!).hostname}
                          </a>
                        </div>
                      ))}
                  </th>
                  <td>{day(e.article.publishedAt) ?? "—"}</td>
                  <td>{e.evidenceText}</td>
                  <td>
                    {e.claimStatus
                      ? `${e.claimStatus}${e.claimBy ? ` by ${e.claimBy}` : ""}${e.claimDisputedBy ? `, disputed by ${e.claimDisputedBy}` : ""}`
                      : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}
