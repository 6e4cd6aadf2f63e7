import { enrichArticle } from "@frontline/enrich";
import { describe, expect, it } from "vitest";
import { SEED_FILES, seedText } from "./seeds.ts";
import {
  bands,
  fnv1a,
  matchStory,
  minhash,
  minhashSimilarity,
  NEAR_DUPLICATE_JACCARD,
  primaryRegion,
  REWRITE_SIMILARITY,
  type StoryCandidate,
  type StoryProfile,
  shingles,
  storyProfile,
  weightedJaccard,
  words,
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

  it("hashes each run of SHINGLE_WORDS words joined by a space, whatever the script or spacing", () => {
    const plain = (text: string, size: number) => {
      const w = words(text);
      if (w.length < size) return new Set(w.length > 0 ? [fnv1a(w.join(" "))] : []);
      return new Set(w.slice(0, w.length - size + 1).map((_, i) => fnv1a(w.slice(i, i + size).join(" "))));
    };
    const texts = [
      "",
      " ... ",
      "one two three four",
      "one two three four five",
      "a b c d e a b c d e a b c d e",
      "ONE  two\tTHREE\nfour,five;six — seven’s “eight” nine…ten",
      "Російські війська обстріляли Харків вночі, повідомили в ОВА 24 лютого.",
      "ﬁnancial ＡＢＣ Ⅻ ½ x² İstanbul ß ẞ Σίσυφος ΣΊΣΥΦΟΣ e\u0301 a\u0308 café",
      "astral 𝐀𝐁 𠀀𠀁 words 😀 🇺🇦 and a lone \uD800 high and \uDC00 low surrogate here",
      "中文文本没有空格 日本語のテキスト 한국어 텍스트 ١٢٣ ൬ ⅷ",
      "\u0000control\u007F\u0080\u00AA\u00B5\u00BAchars\u00A0nbsp\u200Bzero width",
      "Київ, 24 лютого: 𠀀 word ".repeat(4000), // longer than the working space kept between calls
    ];
    for (const text of texts) for (const size of [5, 3, 1]) expect(shingles(text, size)).toEqual(plain(text, size));
    for (const size of [0, -1, 2.5, Number.NaN]) expect(() => shingles("a b c", size)).toThrow(RangeError);
  });

  it("prefers a rewrite into the current story over a near-duplicate elsewhere, whatever the order", () => {
    const article = {
      minhash: minhash(seedText("002-kursk-incursion.txt")),
      primaryRegion: "RU-KRS",
      profile: { "r:RU-KRS": 2 },
    };
    const copy: StoryCandidate = {
      articleId: "a",
      storyId: "other",
      minhash: article.minhash,
      primaryRegion: null,
      profile: null,
    };
    const rewrite: StoryCandidate = {
      articleId: "b",
      storyId: "current",
      minhash: [],
      primaryRegion: "RU-KRS",
      profile: { "r:RU-KRS": 3 },
    };
    for (const candidates of [
      [copy, rewrite],
      [rewrite, copy],
    ]) {
      expect(matchStory(article, candidates, "current")).toEqual({
        storyId: "current",
        articleId: "b",
        kind: "rewrite",
        similarity: 2 / 3,
      });
      expect(matchStory(article, candidates)).toEqual({
        storyId: "other",
        articleId: "a",
        kind: "near-duplicate",
        similarity: 1,
      });
    }
  });

  describe("profile comparison in matchStory", () => {
    // The definition, summed in another order than story-match.ts's (keys sorted, descending): with whole-number
    // weights every sum is exact, so the order, and the way matchStory gets Σ max, cannot change the result.
    const plain = (a: StoryProfile, b: StoryProfile) => {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().reverse();
      let min = 0;
      let max = 0;
      for (const k of keys) {
        min += Math.min(a[k] ?? 0, b[k] ?? 0);
        max += Math.max(a[k] ?? 0, b[k] ?? 0);
      }
      return max === 0 ? 0 : min / max;
    };
    // Empty signatures: never a near-duplicate, so matchStory answers the best rewrite by profile, if any.
    const candidate = (profile: StoryProfile, i = 0): StoryCandidate => ({
      articleId: `c${String(i).padStart(4, "0")}`,
      storyId: `s${i}`,
      minhash: [],
      primaryRegion: "UA-12",
      profile,
    });
    const rewrite = (profile: StoryProfile, candidates: StoryCandidate[]) =>
      matchStory({ minhash: [], primaryRegion: "UA-12", profile }, candidates);
    const expected = (ref: number) => (ref >= REWRITE_SIMILARITY ? ref : null);
    // Seeded, so a failure can be replayed (mulberry32).
    const prng = (seed: number) => () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };

    it("gives the plain weighted Jaccard, to the bit, for candidates compared again and again", () => {
      const random = prng(20261205);
      const int = (n: number) => Math.floor(random() * n);
      const keys = Array.from({ length: 24 }, (_, i) => ["r:UA-", "a:actor-", "t:type-"][i % 3]! + i);
      const fresh = (): StoryProfile => {
        const p: StoryProfile = {};
        const n = int(6) === 0 ? 0 : 1 + int(14); // some empty
        const big = int(8) === 0; // counts far past any real one, still exact: totals stay under 2^52
        for (let i = 0; i < n; i++) p[keys[int(keys.length)]!] = big ? int(2 ** 46) : int(10);
        return p;
      };
      // Many near another, so plenty reach REWRITE_SIMILARITY, with keys only in one side and changed counts.
      const near = (p: StoryProfile): StoryProfile => {
        const q: StoryProfile = {};
        for (const [k, w] of Object.entries(p)) if (int(8) > 0) q[k] = int(4) === 0 ? w + int(3) : w;
        for (let i = int(3); i > 0; i--) q[keys[int(keys.length)]!] = 1 + int(5);
        return q;
      };
      const profiles: StoryProfile[] = [{}, fresh(), fresh(), fresh()];
      while (profiles.length < 200) profiles.push(int(6) === 0 ? fresh() : near(profiles[int(profiles.length)]!));
      // As the worker has them: parsed from one JSON document, the same objects for every article.
      const candidates = (JSON.parse(JSON.stringify(profiles)) as StoryProfile[]).map(candidate);
      let rewrites = 0;
      for (let n = 0; n < 200; n++) {
        const article = int(6) === 0 ? fresh() : near(profiles[int(profiles.length)]!);
        let best: { ref: number; c: StoryCandidate } | null = null;
        for (const c of candidates) {
          const ref = plain(article, c.profile!);
          expect(ref).toBe(weightedJaccard(article, c.profile!));
          expect(rewrite(article, [c])?.similarity ?? null).toBe(expected(ref));
          if (ref >= REWRITE_SIMILARITY) rewrites++;
          if (ref >= REWRITE_SIMILARITY && (!best || ref > best.ref)) best = { ref, c };
        }
        const all = rewrite(article, candidates);
        expect(all && { articleId: all.articleId, similarity: all.similarity }).toEqual(
          best && { articleId: best.c.articleId, similarity: best.ref },
        );
      }
      expect(rewrites).toBeGreaterThan(1000); // the comparisons above the threshold are the ones that show
    });

    it("compares profiles with a weight that is not a count as weightedJaccard does, in its order", () => {
      // Pairs where Σ max taken as Σ a + Σ b − Σ min, or sums in another order, give another number: fractions,
      // totals past 2^52 (no longer exact), a negative weight (the article's other keys then count in Σ min).
      const byFormula = (a: StoryProfile, b: StoryProfile) => {
        const total = (p: StoryProfile) => Object.values(p).reduce((n, w) => n + w, 0);
        const min = Object.keys(b).reduce((n, k) => n + Math.min(a[k] ?? 0, b[k]!), 0);
        return min / (total(a) + total(b) - min);
      };
      const pairs: [StoryProfile, StoryProfile][] = [
        [{ "r:UA-63": 3, "t:shelling": 0.1 }, { "r:UA-63": 2, "t:shelling": 0.2, "a:x": 0.3 }],
        [
          { "r:UA-63": 2 ** 52, "t:shelling": 1, "a:x": 3 },
          { "r:UA-63": 2 ** 52, "t:shelling": 2, "a:y": 1 },
        ],
        [{ "r:UA-63": 3, "t:shelling": -1, "a:x": 2 }, { "r:UA-63": 2, "a:y": 1 }],
      ];
      for (const [a, b] of pairs) {
        expect(byFormula(a, b)).not.toBe(weightedJaccard(a, b)); // so a fast path taking them would show
        for (const [x, y] of [
          [a, b],
          [b, a],
        ] as const) {
          expect(rewrite(x, [candidate(y)])?.similarity ?? null).toBe(expected(weightedJaccard(x, y)));
          // Beside candidates of counts only, the same call: those on the fast path, this one not.
          const counts = candidate({ "r:UA-63": 1, "a:z": 4 }, 1);
          const both = [counts, candidate(y, 2)];
          const best = Math.max(weightedJaccard(x, counts.profile!), weightedJaccard(x, y));
          expect(rewrite(x, both)?.similarity ?? null).toBe(expected(best));
        }
      }
    });

    it("stays right past the key table's limit, and after a call that threw", () => {
      const random = prng(7);
      for (let n = 0; n < 250; n++) {
        // 100 keys never seen before per call: the table of key ids outgrows its limit and starts again.
        const article: StoryProfile = { "r:UA-12": 5 };
        const other: StoryProfile = { "r:UA-12": 4 };
        for (let i = 0; i < 100; i++) {
          article[`a:${n}-${i}`] = Math.floor(random() * 4);
          other[`a:${n}-${i}`] = Math.floor(random() * 4);
        }
        expect(rewrite(article, [candidate(other)])?.similarity ?? null).toBe(expected(plain(article, other)));
      }
      // A signature, so that a candidate's is looked at: null, it throws after the first has been compared.
      const article = { minhash: [1], primaryRegion: "UA-12", profile: { "r:UA-12": 5, "t:shelling": 3 } };
      const broken = { ...candidate({ "r:UA-12": 1 }, 1), minhash: null as unknown as number[] };
      expect(() => matchStory(article, [candidate({ "r:UA-12": 5 }), broken])).toThrow(TypeError);
      // No trace of that article's weights is left to count for the next one.
      expect(rewrite({ "r:UA-12": 5 }, [candidate({ "r:UA-12": 5, "t:shelling": 3 })])?.similarity).toBe(5 / 8);
    });
  });

  // Signatures and band hashes are stored and compared with new ones: these values, computed by the first
  // implementation, must never change (a change would split every stored story from its new articles).
  describe("pinned values", () => {
    const digest = (xs: readonly number[]) => fnv1a(xs.join(","));
    const pinned = [
      {
        text: "Russian drones struck an electricity substation in Ukraine's Sumy region overnight, cutting power to about 12,000 households, regional officials said on Tuesday.",
        words: 24,
        shingles: [-1021338549, -146101050, -1065896088],
        prefix: [-2057890025, -2144937910, -2055995628, -1869623604, -1991810138, -2037428481],
        digest: 415982350,
        bands: [
          -419946883, -1861758346, -1076538613, 1754791867, -1951178164, 1312887227, -603208741, -641806830,
          -1894648309, -1561230892, 648912650, 1085940096, 1397989497, -2116543244, 1623507346, 1122204114, -1113906110,
          571300941, 1632113145, 1062408662, -693983959, -1209431170, -379374763, 1058896621, -814372666, -431928736,
          -1584015134, 1386666988, -881862087, 805994298, 694563252, 1336072548,
        ],
      },
      {
        text: "Російські війська вночі обстріляли Харків, пошкоджено житлові будинки, повідомили у Харківській обласній військовій адміністрації.",
        words: 14,
        shingles: [-111412658, 1586798378, -1745042177],
        prefix: [-1276024773, -1949615553, -1101086668, -1723304780, -1620015990, -2044666671],
        digest: 1559560876,
        bands: [
          2043655796, 2126677201, -1134491313, -992470197, -1729160405, -100716969, -1299418315, -1830377511,
          1624685649, -694464574, 738942892, -1653441047, 1674840823, 1755610999, 1417826240, 1308596644, -1653268272,
          -770033997, 733312710, 1333972657, 709383185, -603222274, 1592551911, -807123390, -1920873583, -1218646859,
          1957724539, 980317260, 187504329, 2124647619, -590639036, 1404965827,
        ],
      },
      {
        // NFKC folds the ligature, full-width letters, Roman numeral and superscript into plain words.
        text: "The ﬁrst ＵＮ convoy reached Ⅻ checkpoints near Kupiansk² on Monday — officials said “nothing” was left.",
        words: 16,
        shingles: [-357117901, 851205842, -1265632849],
        prefix: [-2019514911, -1382197680, -1843051897, -2136081262, -1675683382, -1147985711],
        digest: 1912354178,
        bands: [
          -1252317144, -309038735, -1208970219, 2108480823, -1568340015, 225718831, -1266159099, -763753540, -432008866,
          -1601038125, -421689682, 1653736289, -1023307200, -427722732, 402173421, 107555531, -1978523064, -1442918196,
          469354227, 1212084532, -693921462, -1547112694, -2070498803, 2021963066, -1046437494, 1216669048, -1129947541,
          1690281111, -1676016181, -484782250, 658365045, 560931791,
        ],
      },
      {
        // Fewer words than a shingle: one shingle of them all.
        text: "Kharkiv shelled",
        words: 2,
        shingles: [652976010],
        prefix: [-1643820286, -2088228209, 1687219304, 543430753, -252943903, 1004668402],
        digest: 1178054459,
        bands: [
          -856059123, 1576050762, 1697984883, 1485794737, 1914707685, -177014456, 1350518504, -857323825, -1081917311,
          625447103, -1347065999, 1988761874, -589253206, -251973189, 1831145561, 606560556, 1174419635, -766357877,
          1575762561, -798272502, 1713818167, 1997850949, -1062796866, -583949021, -1505069045, -1830474885, 2079233033,
          -402246322, -1669883545, -980805413, 811124912, 1268063465,
        ],
      },
    ];
    for (const [i, p] of pinned.entries()) {
      it(`keeps the words, shingles, signature and band hashes of text ${i}`, () => {
        expect(words(p.text)).toHaveLength(p.words);
        expect([...shingles(p.text)].slice(0, 3)).toEqual(p.shingles);
        const sig = minhash(p.text);
        expect(sig).toHaveLength(128);
        expect(sig.slice(0, 6)).toEqual(p.prefix);
        expect(digest(sig)).toBe(p.digest);
        expect(bands(sig)).toEqual(p.bands.map((hash, band) => ({ band, hash })));
      });
    }

    it("keeps the signatures and band hashes of the seed articles", () => {
      const seeds = SEED_FILES.map((f) => minhash(seedText(f)));
      expect(seeds.map((s) => s.slice(0, 4))).toEqual([
        [-2118283454, -2134985484, -2139130001, -2134396307],
        [-2132031083, -2122011872, -2119591560, -2145302121],
        [-2138320333, -2129764938, -2102693488, -2130768679],
      ]);
      expect(seeds.map(digest)).toEqual([155297957, 51068444, -730796603]);
      expect(seeds.map((s) => digest(bands(s).map((b) => b.hash)))).toEqual([358874560, 187623272, -125159573]);
      expect(minhashSimilarity(seeds[0]!, seeds[1]!)).toBe(0.0078125);
    });

    it("hashes any signature's bands as the FNV-1a of its values' decimal text joined by commas", () => {
      // Stored signatures are read back from Postgres, so bands takes any array: a short last band, -0, extremes.
      expect(bands([1, -2, 3, -2147483648, 2147483647, -0])).toEqual([
        { band: 0, hash: -1687519224 },
        { band: 1, hash: -1843992387 },
      ]);
      expect(bands([])).toEqual([]);
      for (const sig of [
        [0.5, -1.25, 1e21, 1e-7],
        [2 ** 31, -(2 ** 31) - 1, 2 ** 53],
        [Number.NaN, -Infinity, 7],
      ]) {
        expect(bands(sig)).toEqual([{ band: 0, hash: fnv1a(sig.join(",")) }]);
      }
    });
  });
});
