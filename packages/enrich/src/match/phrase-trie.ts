// A token trie built once per dictionary at module load: matching an article is one pass over its
// tokens, whatever the dictionary's size.
import { type Token, phraseKeys, tokenize } from "../text/tokens.ts";

interface TrieNode<T> {
  children: Map<string, TrieNode<T>>;
  values: { value: T; exactRaw?: string[] }[];
}

export interface PhraseMatch<T> {
  /** Token index range [first, last) in the token array that was searched. */
  first: number;
  last: number;
  start: number;
  end: number;
  values: T[];
}

// Short all-caps acronyms (UN, EU, FSB, DPR) are matched case-sensitively so "us"/"un" in prose do not count.
const ACRONYM = /^[A-ZА-ЯІЇЄҐ]{2,5}$/u;

export class PhraseTrie<T> {
  private readonly root: TrieNode<T> = { children: new Map(), values: [] };

  add(phrase: string, value: T): void {
    const keys = phraseKeys(phrase);
    if (keys.length === 0) return;
    let node = this.root;
    for (const key of keys) {
      let next = node.children.get(key);
      if (!next) {
        next = { children: new Map(), values: [] };
        node.children.set(key, next);
      }
      node = next;
    }
    const raws = tokenize(phrase).map((t) => t.raw);
    const exactRaw = raws.some((r) => ACRONYM.test(r)) ? raws : undefined;
    node.values.push(exactRaw ? { value, exactRaw } : { value });
  }

  /** Leftmost-longest, non-overlapping matches. */
  matchAll(tokens: readonly Token[]): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      let node: TrieNode<T> | undefined = this.root;
      let best: PhraseMatch<T> | undefined;
      for (let j = i; j < tokens.length; j++) {
        node = node.children.get(tokens[j]!.key);
        if (!node) break;
        const values = node.values.filter(
          (v) => !v.exactRaw || v.exactRaw.every((raw, k) => stripPossessive(tokens[i + k]!.raw) === raw),
        );
        if (values.length > 0) {
          best = {
            first: i,
            last: j + 1,
            start: tokens[i]!.start,
            end: tokens[j]!.end,
            values: values.map((v) => v.value),
          };
        }
      }
      if (best) {
        matches.push(best);
        i = best.last;
      } else {
        i++;
      }
    }
    return matches;
  }
}

function stripPossessive(raw: string): string {
  return raw.replace(/['’ʼ]s$/, "");
}
