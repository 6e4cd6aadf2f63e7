// Which stored articles tell the same story as a new one: pure functions, no I/O, deterministic.
// Two signals:
//  - near-duplicates (syndicated copies, light edits): MinHash over word 5-shingles, with locality-sensitive
//    hashing bands so candidates are found by an index lookup; estimated Jaccard ≥ NEAR_DUPLICATE_JACCARD.
//  - rewrites (the same development told by another outlet in its own words): same primary region (the most
//    mentioned one) and a weighted Jaccard ≥ REWRITE_SIMILARITY over the enricher's profile of the article
//    (region mentions, actor mentions, event types), within STORY_WINDOW_DAYS of each other. A developing story (an
//    offensive, a campaign) is reported for months, with gaps: the founding Dnipropetrovsk reports are 78 days apart.

export const SHINGLE_WORDS = 5;
export const MINHASH_SIZE = 128;
export const BAND_ROWS = 4; // 32 bands of 4 rows: pairs with Jaccard ≥ 0.5 share a band with probability > 0.99
export const NEAR_DUPLICATE_JACCARD = 0.5;
export const REWRITE_SIMILARITY = 0.4;
export const STORY_WINDOW_DAYS = 90;

/** 32-bit FNV-1a of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** A 32-bit mix (murmur3's finaliser) of x with seed: the i-th hash function of the signature. */
function mix(x: number, seed: number): number {
  let h = (x ^ seed) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

const SEEDS = Array.from({ length: MINHASH_SIZE }, (_, i) => mix(i + 1, 0x9e3779b9));

/** Lower-cased words (letters and digits, any script), so spacing, case and punctuation do not matter. */
export function words(text: string): string[] {
  return text.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function shingles(text: string, size = SHINGLE_WORDS): Set<number> {
  const w = words(text);
  const out = new Set<number>();
  if (w.length < size) {
    if (w.length > 0) out.add(fnv1a(w.join(" ")));
    return out;
  }
  for (let i = 0; i + size <= w.length; i++) out.add(fnv1a(w.slice(i, i + size).join(" ")));
  return out;
}

/** MinHash signature: for each of MINHASH_SIZE hash functions, the least hash over the shingles. Empty for no text. */
export function minhash(text: string): number[] {
  const set = shingles(text);
  if (set.size === 0) return [];
  const sig = new Array<number>(MINHASH_SIZE).fill(0x7fffffff);
  for (const s of set) {
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const h = mix(s, SEEDS[i]!);
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of the shingle sets: the share of positions where the signatures agree. */
export function minhashSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** LSH bands: one hash per BAND_ROWS consecutive signature values. */
export function bands(sig: readonly number[]): { band: number; hash: number }[] {
  const out: { band: number; hash: number }[] = [];
  for (let b = 0; b * BAND_ROWS < sig.length; b++) {
    out.push({ band: b, hash: fnv1a(sig.slice(b * BAND_ROWS, (b + 1) * BAND_ROWS).join(",")) });
  }
  return out;
}

export type StoryProfile = Record<string, number>;

export interface ProfileInput {
  regions: readonly { code: string; mentions: number }[];
  actors: readonly { id: string; mentions: number }[];
  events: readonly { type: string }[];
}

export function storyProfile({ regions, actors, events }: ProfileInput): StoryProfile {
  const p: StoryProfile = {};
  const add = (k: string, w: number) => {
    p[k] = (p[k] ?? 0) + w;
  };
  for (const r of regions) add(`r:${r.code}`, r.mentions);
  for (const a of actors) add(`a:${a.id}`, a.mentions);
  for (const e of events) add(`t:${e.type}`, 1);
  return p;
}

/** The most mentioned region (ties: the smaller code), or null when the article names none. */
export function primaryRegion(regions: readonly { code: string; mentions: number }[]): string | null {
  let best: { code: string; mentions: number } | null = null;
  for (const r of regions) {
    if (!best || r.mentions > best.mentions || (r.mentions === best.mentions && r.code < best.code)) best = r;
  }
  return best?.code ?? null;
}

/** Σ min / Σ max over the union of keys (a's keys, then b's others: no key set is built, it runs per candidate). */
export function weightedJaccard(a: StoryProfile, b: StoryProfile): number {
  let min = 0;
  let max = 0;
  for (const k in a) {
    const x = a[k]!;
    const y = Object.hasOwn(b, k) ? b[k]! : 0;
    min += Math.min(x, y);
    max += Math.max(x, y);
  }
  for (const k in b) {
    if (Object.hasOwn(a, k)) continue;
    const y = b[k]!;
    min += Math.min(0, y);
    max += Math.max(0, y);
  }
  return max === 0 ? 0 : min / max;
}

export interface StoryCandidate {
  articleId: string;
  storyId: string | null;
  minhash: readonly number[];
  primaryRegion: string | null;
  profile: StoryProfile | null;
}

export interface StoryMatch {
  storyId: string;
  articleId: string;
  kind: "near-duplicate" | "rewrite";
  similarity: number;
}

/**
 * The story the article belongs to, from candidates (articles sharing an LSH band, or the same primary region within
 * the window): one into the story the article is already in (a re-run), then a near-duplicate over a rewrite, then the
 * higher similarity, then the smaller article id.
 */
export function matchStory(
  article: { minhash: readonly number[]; primaryRegion: string | null; profile: StoryProfile },
  candidates: readonly StoryCandidate[],
  /** The story the article is in already (a re-run): any match into it wins, so re-enrichment keeps stories stable. */
  currentStoryId: string | null = null,
): StoryMatch | null {
  let best: StoryMatch | null = null;
  const better = (m: StoryMatch) =>
    !best ||
    (currentStoryId !== null && m.storyId === currentStoryId && best.storyId !== currentStoryId) ||
    (!(currentStoryId !== null && best.storyId === currentStoryId && m.storyId !== currentStoryId) &&
      betterMatch(m, best));
  const betterMatch = (m: StoryMatch, best: StoryMatch) =>
    (m.kind === "near-duplicate" && best.kind === "rewrite") ||
    (m.kind === best.kind && (m.similarity > best.similarity || (m.similarity === best.similarity && m.articleId < best.articleId)));
  for (const c of candidates) {
    if (!c.storyId) continue;
    const near = minhashSimilarity(article.minhash, c.minhash);
    if (near >= NEAR_DUPLICATE_JACCARD) {
      const m: StoryMatch = { storyId: c.storyId, articleId: c.articleId, kind: "near-duplicate", similarity: near };
      if (better(m)) best = m;
      continue;
    }
    if (article.primaryRegion && c.primaryRegion === article.primaryRegion && c.profile) {
      const sim = weightedJaccard(article.profile, c.profile);
      if (sim >= REWRITE_SIMILARITY) {
        const m: StoryMatch = { storyId: c.storyId, articleId: c.articleId, kind: "rewrite", similarity: sim };
        if (better(m)) best = m;
      }
    }
  }
  return best;
}
