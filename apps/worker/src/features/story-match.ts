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

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of a string. */
export function fnv1a(s: string): number {
  return fnvString(FNV_OFFSET, s) | 0;
}

/** FNV-1a continued over s's UTF-16 code units: FNV is sequential, so hashing parts in turn hashes their concatenation. */
function fnvString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
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

const SEEDS = Int32Array.from({ length: MINHASH_SIZE }, (_, i) => mix(i + 1, 0x9e3779b9));

/** Lower-cased words (letters and digits, any script), so spacing, case and punctuation do not matter. */
export function words(text: string): string[] {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** Per UTF-16 code unit: 0 not looked at yet, 1 a letter or digit, 2 neither (surrogates too, when alone). */
const wordUnit = new Uint8Array(0x10000);

function isWordUnit(c: number): boolean {
  let k = wordUnit[c]!;
  if (k === 0) wordUnit[c] = k = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1;
}

/** Working space of shingleHashes for a text of up to `length` code units (after NFKC and lower-casing). */
function buffers(length: number) {
  // The words joined take no more code units than the text, and there are fewer words and shingles than code units.
  const ints = () => new Int32Array(length);
  return { joined: new Uint16Array(length), wordStart: ints(), wordEnd: ints(), shingleHash: ints() };
}
// Reused by every call for texts up to this long (the buffers take about 1 MB): a longer one gets buffers of its own.
const POOLED_LENGTH = 1 << 16;
const pooled = buffers(POOLED_LENGTH);

/**
 * The hashes of text's shingles, in order and with repeats: what shingles() answers, without a string per word or
 * shingle. The words of words() (maximal runs of letters and digits, in code points as the u-flag regex sees them, of
 * the lower-cased NFKC text) are copied into `joined` with one space between them, as words.join(" ") would be: a
 * shingle is then a range of it, and its FNV-1a that of the shingle's string. The answer is valid until the next call.
 */
function shingleHashes(text: string, size: number): Int32Array {
  const s = text.normalize("NFKC").toLowerCase();
  const { joined, wordStart, wordEnd, shingleHash } = s.length <= POOLED_LENGTH ? pooled : buffers(s.length);
  let n = 0; // words
  let u = 0; // code units in joined
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const pair = (c & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    // A surrogate pair is one code point: astral letters are rare, so the regex, not the table, tells.
    if (pair ? WORD_CHAR.test(s.slice(i, i + 2)) : isWordUnit(c)) {
      if (!inWord) {
        if (n > 0) joined[u++] = 0x20;
        wordStart[n] = u;
        inWord = true;
      }
      joined[u++] = c;
      if (pair) joined[u++] = s.charCodeAt(++i);
    } else {
      if (inWord) wordEnd[n++] = u;
      inWord = false;
      if (pair) i++;
    }
  }
  if (inWord) wordEnd[n++] = u;

  const span = Math.min(size, n); // fewer words than a shingle: one shingle of them all
  const count = n === 0 ? 0 : n - span + 1;
  const hashes = shingleHash.subarray(0, count);
  // Two shingles at a time: FNV is a chain of dependent multiplications, and two chains keep the CPU busier.
  let w = 0;
  for (; w + 1 < count; w += 2) {
    const a0 = wordStart[w]!;
    const e0 = wordEnd[w + span - 1]!;
    const a1 = wordStart[w + 1]!;
    const e1 = wordEnd[w + span]!;
    const common = Math.min(e0 - a0, e1 - a1);
    let h0 = FNV_OFFSET;
    let h1 = FNV_OFFSET;
    for (let k = 0; k < common; k++) {
      h0 = Math.imul(h0 ^ joined[a0 + k]!, FNV_PRIME);
      h1 = Math.imul(h1 ^ joined[a1 + k]!, FNV_PRIME);
    }
    for (let i = a0 + common; i < e0; i++) h0 = Math.imul(h0 ^ joined[i]!, FNV_PRIME);
    for (let i = a1 + common; i < e1; i++) h1 = Math.imul(h1 ^ joined[i]!, FNV_PRIME);
    hashes[w] = h0;
    hashes[w + 1] = h1;
  }
  if (w < count) {
    let h = FNV_OFFSET;
    for (let i = wordStart[w]!; i < wordEnd[w + span - 1]!; i++) h = Math.imul(h ^ joined[i]!, FNV_PRIME);
    hashes[w] = h;
  }
  return hashes;
}

export function shingles(text: string, size = SHINGLE_WORDS): Set<number> {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`a shingle is a whole number of words, at least 1, not ${size}`);
  return new Set(shingleHashes(text, size));
}

/** MinHash signature: for each of MINHASH_SIZE hash functions, the least hash over the shingles. Empty for no text. */
export function minhash(text: string): number[] {
  // Repeated shingles are not removed: they cannot change a least hash.
  const hashes = shingleHashes(text, SHINGLE_WORDS);
  if (hashes.length === 0) return [];
  const sig: number[] = [];
  // Four hash functions per pass over the shingles (MINHASH_SIZE is a multiple of 4): independent work to overlap.
  for (let i = 0; i < MINHASH_SIZE; i += 4) {
    const s0 = SEEDS[i]!;
    const s1 = SEEDS[i + 1]!;
    const s2 = SEEDS[i + 2]!;
    const s3 = SEEDS[i + 3]!;
    let m0 = 0x7fffffff;
    let m1 = 0x7fffffff;
    let m2 = 0x7fffffff;
    let m3 = 0x7fffffff;
    for (let j = 0; j < hashes.length; j++) {
      const x = hashes[j]!;
      const h0 = mix(x, s0);
      const h1 = mix(x, s1);
      const h2 = mix(x, s2);
      const h3 = mix(x, s3);
      if (h0 < m0) m0 = h0;
      if (h1 < m1) m1 = h1;
      if (h2 < m2) m2 = h2;
      if (h3 < m3) m3 = h3;
    }
    sig.push(m0, m1, m2, m3);
  }
  return sig;
}

/** Estimated Jaccard similarity of the shingle sets: the share of positions where the signatures agree. */
export function minhashSimilarity(a: readonly number[], b: readonly number[]): number {
  return similarityUpTo(a, b, a.length);
}

/** minhashSimilarity(a, b), or 0 as soon as more than maxDiffering positions differ (when only more is of use). */
function similarityUpTo(a: readonly number[], b: readonly number[], maxDiffering: number): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let differing = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++differing > maxDiffering) return 0;
  return (a.length - differing) / a.length;
}

/** LSH bands: one hash per BAND_ROWS consecutive signature values. */
export function bands(sig: readonly number[]): { band: number; hash: number }[] {
  const out: { band: number; hash: number }[] = [];
  for (let b = 0; b * BAND_ROWS < sig.length; b++) {
    // The FNV-1a of the band's values joined by commas, hashed as they are written out rather than joined.
    let h = FNV_OFFSET;
    const end = Math.min((b + 1) * BAND_ROWS, sig.length);
    for (let i = b * BAND_ROWS; i < end; i++) {
      if (i > b * BAND_ROWS) h = Math.imul(h ^ 0x2c, FNV_PRIME); // ","
      h = fnvNumber(h, sig[i]!);
    }
    out.push({ band: b, hash: h | 0 });
  }
  return out;
}

const digits = new Uint8Array(10);

/** FNV-1a continued over v as join() writes it: the decimal digits of a 32-bit integer, else String(v). */
function fnvNumber(h: number, v: number): number {
  if (v !== (v | 0)) return fnvString(h, v == null ? "" : String(v)); // join() writes null and undefined as ""
  // Digits of -|v| (≤ 0, so -2^31 fits and every step stays 32-bit integer arithmetic); -0 is written "0".
  let n = v;
  if (v < 0) {
    h = Math.imul(h ^ 0x2d, FNV_PRIME); // "-"
  } else {
    n = -v;
  }
  let count = 0;
  do {
    const q = (n / 10) | 0;
    digits[count++] = 0x30 + q * 10 - n;
    n = q;
  } while (n !== 0);
  while (count > 0) h = Math.imul(h ^ digits[--count]!, FNV_PRIME);
  return h;
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
export function primaryRegion(regions: readonly { code: string; mentions: number; role?: string }[]): string | null {
  // Where the article's events happened, when it says: a region only mentioned is not what the story is about.
  const events = regions.filter((r) => r.role !== "mention");
  let best: { code: string; mentions: number } | null = null;
  for (const r of events.length > 0 ? events : regions) {
    if (!best || r.mentions > best.mentions || (r.mentions === best.mentions && r.code < best.code)) best = r;
  }
  return best?.code ?? null;
}

/** Σ min / Σ max over the union of keys, summed over a's keys, then b's others. */
export function weightedJaccard(a: StoryProfile, b: StoryProfile): number {
  return profileSimilarity(profileWeights(a), b);
}

/** A profile made ready to be compared with many: its keys' positions and its weights, in for…in order. */
interface ProfileWeights {
  position: Map<string, number>;
  weights: number[];
  /** Scratch: the other profile's weight for each key. */
  other: number[];
}

function profileWeights(a: StoryProfile): ProfileWeights {
  const position = new Map<string, number>();
  const weights: number[] = [];
  for (const k in a) {
    position.set(k, weights.length);
    weights.push(a[k]!);
  }
  return { position, weights, other: new Array<number>(weights.length) };
}

const onlyInB: number[] = []; // scratch for profileSimilarity

/**
 * weightedJaccard(a, b) with a made ready: one pass over b's keys, looked up in a's Map (looking a's keys up in b, an
 * object of a shape seen once since profiles come from JSON, costs far more), then the same sums in the same order
 * as ever (a's keys, then b's others), so the floating-point result cannot differ.
 */
function profileSimilarity(a: ProfileWeights, b: StoryProfile): number {
  const other = a.other.fill(0);
  onlyInB.length = 0;
  for (const k in b) {
    const i = a.position.get(k);
    if (i === undefined) onlyInB.push(b[k]!);
    else other[i] = b[k]!;
  }
  let min = 0;
  let max = 0;
  for (let i = 0; i < a.weights.length; i++) {
    const x = a.weights[i]!;
    const y = other[i]!;
    min += Math.min(x, y);
    max += Math.max(x, y);
  }
  for (const y of onlyInB) {
    min += Math.min(0, y);
    max += Math.max(0, y);
  }
  return max === 0 ? 0 : min / max;
}

// The fast path of matchStory. A candidate's profile is compared with every article of its region, for batch after
// batch (the worker keeps candidates' parsed profiles between batches), so each is made ready once: its keys as small
// integer ids and its weights. Profiles are never changed once made (storyProfile's answer, or parsed JSON): a
// profile changed after it was first compared would keep its old ready form.
//
// When every weight is a whole number ≥ 0 (mention and event counts) and each profile's total is at most 2^52, every
// sum below is an integer of at most 2^53, exact in any order: Σ min and Σ max are then the same numbers as
// profileSimilarity's, and so is their quotient. Any other weight sends the pair to profileSimilarity.

/** Ids of profile keys: bounded by the taxonomies (regions, actors, event types), a few hundred. */
let keyIds = new Map<string, number>();
/** Reset beyond this many keys, so keys from outside the taxonomies cannot grow the table for ever. */
const MAX_KEY_IDS = 1 << 14;
const MAX_EXACT_TOTAL = 2 ** 52;

interface ReadyProfile {
  ids: Int32Array;
  weights: Float64Array;
  /** Σ weights. */
  total: number;
}

/** Ready forms of the profiles compared so far; null for one with a weight the fast path does not take. */
let ready = new WeakMap<StoryProfile, ReadyProfile | null>();
/** The article's weight per key id (0 for its other keys), while matchStory runs; all 0 between calls. */
let articleWeight = new Float64Array(1024);

function keyId(k: string): number {
  let id = keyIds.get(k);
  if (id === undefined) {
    id = keyIds.size;
    keyIds.set(k, id);
    if (id >= articleWeight.length) {
      const grown = new Float64Array(articleWeight.length * 2);
      grown.set(articleWeight);
      articleWeight = grown;
    }
  }
  return id;
}

function makeReady(p: StoryProfile): ReadyProfile | null {
  const ids: number[] = [];
  const weights: number[] = [];
  let total = 0;
  for (const k in p) {
    const w = p[k];
    if (!Number.isInteger(w) || (w as number) < 0) return null;
    total += w as number;
    ids.push(keyId(k));
    weights.push(w as number);
  }
  // total is exact while under 2^53, and past 2^52 it is refused, so a rounded total never slips through.
  if (total > MAX_EXACT_TOTAL) return null;
  return { ids: Int32Array.from(ids), weights: Float64Array.from(weights), total };
}

function readyProfile(p: StoryProfile): ReadyProfile | null {
  let r = ready.get(p);
  if (r === undefined) {
    r = makeReady(p);
    ready.set(p, r);
  }
  return r;
}

/**
 * weightedJaccard of the article (spread over articleWeight, its weights totalling articleTotal) and b, both ready.
 * Σ min over the union is over b's keys (min(a, 0) = 0 for the article's others), and min + max = a + b per key,
 * so Σ max = Σ a + Σ b − Σ min.
 */
function readySimilarity(articleTotal: number, b: ReadyProfile): number {
  const weight = articleWeight;
  const { ids, weights } = b;
  let min = 0;
  for (let i = 0; i < ids.length; i++) min += Math.min(weight[ids[i]!]!, weights[i]!);
  const max = articleTotal + b.total - min;
  return max === 0 ? 0 : min / max;
}

/** The article's side of the profile comparisons of one matchStory call, made ready when a candidate first needs it. */
class ArticleProfile {
  /** Spread over articleWeight; null when a weight is not for the fast path. Not cached: many are compared once. */
  private fast: ReadyProfile | null | undefined;
  private slow: ProfileWeights | null = null;

  constructor(private readonly profile: StoryProfile) {}

  similarity(b: StoryProfile): number {
    if (this.fast === undefined) {
      const fast = makeReady(this.profile);
      if (fast) for (let i = 0; i < fast.ids.length; i++) articleWeight[fast.ids[i]!] = fast.weights[i]!;
      this.fast = fast;
    }
    const other = this.fast && readyProfile(b);
    if (this.fast && other) return readySimilarity(this.fast.total, other);
    this.slow ??= profileWeights(this.profile);
    return profileSimilarity(this.slow, b);
  }

  /** Leaves articleWeight all 0 again, for the next call. */
  release() {
    if (this.fast) for (const id of this.fast.ids) articleWeight[id] = 0;
  }
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
    (m.kind === best.kind &&
      (m.similarity > best.similarity || (m.similarity === best.similarity && m.articleId < best.articleId)));
  const len = article.minhash.length;
  // The fewest agreeing positions that make a near-duplicate (the same division as minhashSimilarity's).
  let agreeing = 0;
  while (agreeing <= len && agreeing / len < NEAR_DUPLICATE_JACCARD) agreeing++;
  if (keyIds.size > MAX_KEY_IDS) {
    keyIds = new Map();
    ready = new WeakMap();
    articleWeight = new Float64Array(1024);
  }
  const profile = new ArticleProfile(article.profile);
  try {
    for (const c of candidates) {
      if (!c.storyId) continue;
      const near = similarityUpTo(article.minhash, c.minhash, len - agreeing);
      if (near >= NEAR_DUPLICATE_JACCARD) {
        const m: StoryMatch = { storyId: c.storyId, articleId: c.articleId, kind: "near-duplicate", similarity: near };
        if (better(m)) best = m;
        continue;
      }
      // A rewrite never beats a near-duplicate, unless it is into the current story and the near-duplicate is not.
      if (
        best?.kind === "near-duplicate" &&
        !(currentStoryId !== null && c.storyId === currentStoryId && best.storyId !== currentStoryId)
      ) {
        continue;
      }
      if (article.primaryRegion && c.primaryRegion === article.primaryRegion && c.profile) {
        const sim = profile.similarity(c.profile);
        if (sim >= REWRITE_SIMILARITY) {
          const m: StoryMatch = { storyId: c.storyId, articleId: c.articleId, kind: "rewrite", similarity: sim };
          if (better(m)) best = m;
        }
      }
    }
  } finally {
    profile.release();
  }
  return best;
}
