// The seed articles against their hand-made gold labels, read from ../shared at test time (SHARED_DIR
// overrides). Every gold item is asserted; nothing here was derived from the enricher's own output.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { EnrichedArticle, type Event } from "@frontline/model";
import { describe, expect, it } from "vitest";
import { enrichArticle } from "./enrich.ts";

const sharedDir = process.env.SHARED_DIR ?? path.resolve(__dirname, "../../../../shared");
const goldPath = path.join(sharedDir, "eval/seeds.gold.json");

interface GoldEvent {
  acled: [string, string];
  alt_acled?: [string, string][];
  region?: string;
  actor1?: string;
  claim?: string;
  date?: { value: string; precision: string };
  quantity?: number;
  note: string;
}
interface GoldArticle {
  id: string;
  file: string;
  publishedAt: string;
  regions: { required: string[]; forbidden: string[] };
  places: { required: { name: string; region: string }[] };
  actors: { required: string[] };
  events: GoldEvent[];
}

const gold: { articles: GoldArticle[] } = JSON.parse(readFileSync(goldPath, "utf8"));
const enriched = gold.articles.map((article) => {
  const text = readFileSync(path.resolve(path.dirname(goldPath), article.file), "utf8");
  return {
    article,
    text,
    out: EnrichedArticle.parse(enrichArticle({ id: article.id, text, publishedAt: article.publishedAt })),
  };
});

/** Gold names actors by ACLED name (forces, governments) or by plain name (people). */
const actorLabel = (a: { name: string; acledName?: string } | undefined) => [a?.acledName, a?.name];

function matchesGold(event: Event, g: GoldEvent): boolean {
  const pairs = [g.acled, ...(g.alt_acled ?? [])];
  if (!pairs.some(([type, sub]) => event.acled.eventType === type && event.acled.subEventType === sub)) return false;
  if (g.region && event.region?.code !== g.region) return false;
  if (g.actor1 && !actorLabel(event.actor1).includes(g.actor1)) return false;
  if (g.claim && event.claim?.status !== g.claim) return false;
  if (g.date && !(event.date?.precision === g.date.precision && event.date.value.startsWith(g.date.value)))
    return false;
  if (g.quantity !== undefined && !event.quantities?.some((q) => q.value === g.quantity)) return false;
  return true;
}

describe("seed articles", () => {
  it("finds the shared data", () => {
    expect(existsSync(goldPath)).toBe(true);
  });

  it("meets the foundation bar across the three seeds", () => {
    const regions = new Set(enriched.flatMap((e) => e.out.regions.map((r) => r.code)));
    for (const code of ["UA-12", "UA-14", "UA-53", "RU-KRS", "RU-BEL", "RU-VOR"]) expect(regions).toContain(code);
    expect(regions).not.toContain("UA-23");
    const actors = new Set(enriched.flatMap((e) => e.out.actors.map((a) => a.id)));
    expect(actors).toContain("ru-military");
    expect(actors).toContain("ua-military");
  });

  describe.each(enriched)("article $article.id", ({ article, text, out }) => {
    it("has the required regions and none of the forbidden ones", () => {
      const codes = out.regions.map((r) => r.code);
      expect(codes).toEqual(expect.arrayContaining(article.regions.required));
      for (const code of article.regions.forbidden) expect(codes).not.toContain(code);
    });

    it("places the required places in their regions", () => {
      for (const place of article.places.required) {
        expect(out.places).toContainEqual(expect.objectContaining({ name: place.name, regionCode: place.region }));
      }
    });

    it("names the required actors", () => {
      const labels = out.actors.flatMap((a) => [a.acledName, a.name]);
      for (const actor of article.actors.required) expect(labels).toContain(actor);
    });

    it.each(article.events)("has an event for: $note", (g) => {
      expect(out.events.some((e) => matchesGold(e, g))).toBe(true);
    });

    it("keeps evidence offsets true to the text", () => {
      for (const e of out.events) expect(text.slice(e.evidence.start, e.evidence.end)).toBe(e.evidence.text);
    });
  });

  it("ignores the skip-link line and keeps wire attribution as sources", () => {
    const [first, second, third] = enriched;
    expect(second?.out.events.every((e) => !/skip to content/i.test(e.evidence.text))).toBe(true);
    expect(third?.out.sources).toEqual(expect.arrayContaining(["APA", "Reuters"]));
    expect(first?.out.sources).toContain("BBC");
  });
});
