// Counting and arithmetic shared by every dataset: true/false positives, P/R/F1, confusion tallies, event matching.

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface FieldScore extends Counts {
  field: string;
  precision: number;
  recall: number;
  f1: number;
  /** Gold items the field was scored on. */
  n: number;
  /** Shown for context only; never gated by floors. */
  informative?: boolean;
}

export const emptyCounts = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

/**
 * Precision, recall and F1. A field with no predictions made no false claims, so its precision is 1 (and its
 * recall says what it missed); a field with no gold items has recall 1. F1 is 0 when both are 0.
 */
export function fieldScore(field: string, counts: Counts, n: number, informative = false): FieldScore {
  const precision = counts.tp + counts.fp === 0 ? 1 : counts.tp / (counts.tp + counts.fp);
  const recall = counts.tp + counts.fn === 0 ? 1 : counts.tp / (counts.tp + counts.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { field, ...counts, precision, recall, f1, n, ...(informative ? { informative } : {}) };
}

/**
 * One gold label against one predicted label (region of an article, side of an actor...). A wrong prediction is
 * both a false positive and a false negative; no prediction is only a false negative.
 */
export function countLabel(counts: Counts, gold: string, predicted: string | undefined): boolean {
  if (predicted === gold) {
    counts.tp += 1;
    return true;
  }
  counts.fn += 1;
  if (predicted !== undefined) counts.fp += 1;
  return false;
}

export interface Confusion {
  field: string;
  gold: string;
  predicted: string;
  count: number;
}

/** Tallies gold → predicted pairs for the errors of one field. */
export class ConfusionTally {
  private readonly counts = new Map<string, Confusion>();

  add(field: string, gold: string, predicted: string | undefined): void {
    const shown = predicted ?? "(none)";
    const key = JSON.stringify([field, gold, shown]);
    const entry = this.counts.get(key);
    if (entry) entry.count += 1;
    else this.counts.set(key, { field, gold, predicted: shown, count: 1 });
  }

  /** The most frequent pairs first; ties in a stable, readable order. */
  top(limit: number): Confusion[] {
    return [...this.counts.values()]
      .sort((a, b) => b.count - a.count || a.field.localeCompare(b.field) || a.gold.localeCompare(b.gold))
      .slice(0, limit);
  }
}

/** Case- and diacritic-insensitive form of a name: "Zaporíz'ke" and "zaporiz'ke" compare equal. */
export function foldName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Pairs gold items with distinct predicted items so that as many gold items as possible are matched (maximum
 * bipartite matching by augmenting paths). Greedy matching could spend a predicted event on the first gold event
 * that accepts it and leave a later gold event unmatched although a pairing for both exists.
 * Among acceptable partners each gold item tries the ones it `prefers` most first (e.g. the event whose date also
 * agrees), so two similar gold events are not paired crosswise when a straight pairing exists.
 * Returns, for each gold index, the matched predicted index or undefined.
 */
export function matchDistinct(
  goldCount: number,
  predictedCount: number,
  accepts: (gold: number, predicted: number) => boolean,
  prefers: (gold: number, predicted: number) => number = () => 0,
): (number | undefined)[] {
  const candidates = Array.from({ length: goldCount }, (_, g) =>
    Array.from({ length: predictedCount }, (_, p) => p)
      .filter((p) => accepts(g, p))
      .sort((a, b) => prefers(g, b) - prefers(g, a) || a - b),
  );
  const goldOfPredicted: (number | undefined)[] = new Array(predictedCount).fill(undefined);
  const tryAssign = (gold: number, visited: boolean[]): boolean => {
    for (const p of candidates[gold] ?? []) {
      if (visited[p]) continue;
      visited[p] = true;
      const holder = goldOfPredicted[p];
      if (holder === undefined || tryAssign(holder, visited)) {
        goldOfPredicted[p] = gold;
        return true;
      }
    }
    return false;
  };
  for (let g = 0; g < goldCount; g++) tryAssign(g, new Array(predictedCount).fill(false));

  const predictedOfGold: (number | undefined)[] = new Array(goldCount).fill(undefined);
  goldOfPredicted.forEach((gold, p) => {
    if (gold !== undefined) predictedOfGold[gold] = p;
  });
  return predictedOfGold;
}

/**
 * A share that is not a precision or recall: how often something happens among the items it could happen to
 * ("events without a settlement although gold names one"). `better` says which way is an improvement.
 */
export interface Rate {
  measure: string;
  count: number;
  of: number;
  /** count / of; 0 when `of` is 0. */
  share: number;
  better: "higher" | "lower";
  /** Shown for context only; never gated by floors. */
  informative?: boolean;
}

export function rate(measure: string, count: number, of: number, better: Rate["better"], informative = false): Rate {
  return { measure, count, of, share: of === 0 ? 0 : count / of, better, ...(informative ? { informative } : {}) };
}
