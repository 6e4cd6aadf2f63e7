import { enrichArticle } from "@frontline/enrich";
import { describe, expect, it } from "vitest";
import { SEED_FILES, seedText } from "./seeds.ts";
import {
  bands,
  matchStory,
  minhash,
  minhashSimilarity,
  NEAR_DUPLICATE_JACCARD,
  primaryRegion,
  REWRITE_SIMILARITY,
  type StoryCandidate,
  storyProfile,
  weightedJaccard,
} from "./story-match.ts";

function signature(id: string, text: string) {
  const enriched = enrichArticle({ id, text });
  return { minhash: minhash(text), primaryRegion: primaryRegion(enriched.regions), profile: storyProfile(enriched) };
}

describe("story matching", () => {
  const [incursion, advance, kursk] = SEED_FILES.map((f) => signature(f, seedText(f)));

  it("links the two Dnipropetrovsk seed articles (a rewrite, not a copy) and keeps Kursk apart", () => {
    // They share almost no 5-word shingles: these are two outlets' own words, found by the profile instead.
    expect(minhashSimilarity(incursion!.minhash, advance!.minhash)).toBeLessThan(0.1);
    expect(incursion!.primaryRegion).toBe("UA-12");
    expect(advance!.primaryRegion).toBe("UA-12");
    expect(weightedJaccard(incursion!.profile, advance!.profile)).toBeGreaterThanOrEqual(REWRITE_SIMILARITY);
    const stored: StoryCandidate = { articleId: "a0", storyId: "story-dnipro", ...incursion!, profile: incursion!.profile };
    expect(matchStory(advance!, [stored])).toMatchObject({ storyId: "story-dnipro", kind: "rewrite" });
    expect(matchStory(kursk!, [stored])).toBeNull();
    expect(weightedJaccard(kursk!.profile, incursion!.profile)).toBeLessThan(REWRITE_SIMILARITY);
  });

  it("finds a syndicated copy with light edits as a near-duplicate, through a shared LSH band", () => {
    const text = seedText("002-kursk-incursion.txt");
    const copy = `${text.replace("APA reports citing Reuters", "the agency reports").replace(/Wednesday/g, "Wed.")}\n\nRead more at our site.`;
    const a = minhash(text);
    const b = minhash(copy);
    expect(minhashSimilarity(a, b)).toBeGreaterThanOrEqual(NEAR_DUPLICATE_JACCARD);
    const shared = bands(a).filter((x, i) => bands(b)[i]!.hash === x.hash);
    expect(shared.length).toBeGreaterThan(0);
    const candidate: StoryCandidate = { articleId: "k", storyId: "story-kursk", minhash: a, primaryRegion: null, profile: null };
    expect(matchStory({ minhash: b, primaryRegion: "RU-KRS", profile: {} }, [candidate])).toMatchObject({ kind: "near-duplicate" });
  });

  it("is deterministic and ignores case and spacing", () => {
    expect(minhash("Drones  struck KHARKIV overnight, officials said.")).toEqual(minhash("drones struck kharkiv overnight officials said"));
    expect(minhash("")).toEqual([]);
  });

  it("computes the weighted Jaccard of two profiles as Σ min / Σ max over the union of their keys", () => {
    const reference = (a: Record<string, number>, b: Record<string, number>) => {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
      const min = keys.reduce((n, k) => n + Math.min(a[k] ?? 0, b[k] ?? 0), 0);
      const max = keys.reduce((n, k) => n + Math.max(a[k] ?? 0, b[k] ?? 0), 0);
      return max === 0 ? 0 : min / max;
    };
    const profiles = [incursion!.profile, advance!.profile, kursk!.profile, {}, { "r:UA-63": 3, "t:shelling": 1 }];
    for (const a of profiles) for (const b of profiles) expect(weightedJaccard(a, b)).toBe(reference(a, b));
  });
});
