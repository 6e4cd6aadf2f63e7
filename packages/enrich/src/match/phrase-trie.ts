// A token trie built once per dictionary at module load: matching an article is one pass over its
// tokens, whatever the dictionary's size.
import { charCodeAt } from "../text/chars.ts";
import { type Token, tokenize } from "../text/tokens.ts";

interface Entry<T> {
  value: T;
  /** Acronyms match only as written (see ACRONYM). */
  exactRaw?: string[];
  /** The first word must be capitalised in the text ("Most", "Bor" as words are not places). */
  capitalised?: boolean;
}

interface TrieNode<T> {
  /** Undefined on leaves, most of the place trie's nodes: an empty Map each cost ~5 MB of heap there. */
  children: Map<string, TrieNode<T>> | undefined;
  entries: Entry<T>[];
  /** Whether any entry needs a check against the raw tokens; when not, its values are returned as they are. */
  checked: boolean;
  values: T[];
}

export interface PhraseMatch<T> {
  /** Token index range [first, last) in the token array that was searched. */
  first: number;
  last: number;
  start: number;
  end: number;
  values: T[];
}

export interface AddOptions {
  capitalised?: boolean;
}

// Short all-caps acronyms (UN, EU, FSB, DPR) are matched case-sensitively so "us"/"un" in prose do not count.
const ACRONYM = /^[A-ZА-ЯІЇЄҐ]{2,5}$/u;
const UPPER = /^\p{Lu}/u;

const newNode = <T>(): TrieNode<T> => ({ children: undefined, entries: [], checked: false, values: [] });

export class PhraseTrie<T> {
  private readonly root: TrieNode<T> = newNode();
  /**
   * The trie without the entries that need a capitalised first word, built on first use after the last add. Most
   * tokens are lower-case, and such entries never match from them: looking them up here keeps those lookups in
   * cache (in the place trie, whose GeoNames names all need capitals, 1,558 first words instead of 24,291).
   */
  private uncapitalisedRoot: TrieNode<T> | undefined;

  /**
   * `keyOf` maps a text token's key to the trie's key (identity, or a folding such as transliteration);
   * `phraseKeyOf` does the same for dictionary phrases at load time (default: `keyOf`).
   */
  constructor(
    private readonly keyOf: (key: string) => string = (k) => k,
    private readonly phraseKeyOf: (key: string) => string = keyOf,
  ) {}

  add(phrase: string, value: T, options: AddOptions = {}): void {
    const tokens = tokenize(phrase);
    this.addTokens(
      tokens,
      tokens.map((t) => this.phraseKeyOf(t.key)),
      value,
      options,
    );
  }

  /** Add an already tokenised phrase whose trie keys the caller computed (to check them against a stoplist). */
  addTokens(tokens: readonly Token[], keys: readonly string[], value: T, options: AddOptions = {}): void {
    if (tokens.length === 0) return;
    this.uncapitalisedRoot = undefined;
    let node = this.root;
    for (const key of keys) {
      node.children ??= new Map();
      let next = node.children.get(key);
      if (!next) {
        next = newNode();
        node.children.set(key, next);
      }
      node = next;
    }
    const raws = tokens.map((t) => t.raw);
    const exactRaw = raws.some((r) => ACRONYM.test(r)) ? raws : undefined;
    const capitalised = options.capitalised === true && !exactRaw;
    // One value per node once: a place listed under several spellings that fold together counts once, and
    // the loosest condition wins.
    const existing = node.entries.find((e) => e.value === value);
    if (existing) {
      if (!exactRaw) existing.exactRaw = undefined;
      if (!capitalised) existing.capitalised = undefined;
    } else {
      node.entries.push({ value, ...(exactRaw ? { exactRaw } : {}), ...(capitalised ? { capitalised } : {}) });
    }
    node.checked = node.entries.some((e) => e.exactRaw || e.capitalised);
    node.values = node.entries.map((e) => e.value);
  }

  /** The tokens' keys as this trie keys them. */
  keysOf(tokens: readonly Token[]): string[] {
    const keys = new Array<string>(tokens.length);
    for (let k = 0; k < tokens.length; k++) keys[k] = this.keyOf(tokens[k]!.key);
    return keys;
  }

  /** Does any phrase start with this token key? (Cheap pre-filter for callers.) */
  startsWith(key: string): boolean {
    return this.root.children?.has(this.keyOf(key)) ?? false;
  }

  /**
   * Leftmost-longest, non-overlapping matches. `keys`, when given, are the tokens' keys already mapped by this
   * trie's `keyOf` (tries that share a `keyOf` can share them).
   */
  matchAll(tokens: readonly Token[], keys: readonly string[] = this.keysOf(tokens)): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    const n = tokens.length;
    this.uncapitalisedRoot ??= withoutCapitalised(this.root) ?? newNode();
    let i = 0;
    while (i < n) {
      let node: TrieNode<T> | undefined = startsCapitalised(tokens[i]!.raw) ? this.root : this.uncapitalisedRoot;
      let bestLast = -1;
      let bestValues: T[] | undefined;
      for (let j = i; j < n; j++) {
        node = node.children?.get(keys[j]!);
        if (!node) break;
        if (node.entries.length === 0) continue;
        const values = node.checked ? acceptedValues(node.entries, tokens, i) : node.values;
        if (values.length > 0) {
          bestLast = j + 1;
          bestValues = values;
        }
      }
      if (bestValues) {
        matches.push({
          first: i,
          last: bestLast,
          start: tokens[i]!.start,
          end: tokens[bestLast - 1]!.end,
          values: bestValues,
        });
        i = bestLast;
      } else {
        i++;
      }
    }
    return matches;
  }
}

/** Whether a token can start a phrase that must be capitalised: exactly the check acceptedValues makes. */
function startsCapitalised(raw: string): boolean {
  const c = charCodeAt(raw, 0);
  if (c >= 0x61 && c <= 0x7a) return false; // a-z
  if (c >= 0x41 && c <= 0x5a) return true; // A-Z
  return UPPER.test(raw);
}

/**
 * A copy of the subtree with the `capitalised` entries left out (their order otherwise kept), so that a walk from
 * a lower-case token accepts exactly what acceptedValues would accept in the full trie. Undefined when nothing
 * is left.
 */
function withoutCapitalised<T>(node: TrieNode<T>): TrieNode<T> | undefined {
  const copy = newNode<T>();
  copy.entries = node.entries.filter((e) => !e.capitalised);
  copy.checked = copy.entries.some((e) => e.exactRaw);
  copy.values = copy.entries.map((e) => e.value);
  for (const [key, child] of node.children ?? []) {
    const kept = withoutCapitalised(child);
    if (kept) {
      copy.children ??= new Map();
      copy.children.set(key, kept);
    }
  }
  return copy.entries.length > 0 || copy.children ? copy : undefined;
}

function acceptedValues<T>(entries: readonly Entry<T>[], tokens: readonly Token[], first: number): T[] {
  const out: T[] = [];
  for (const e of entries) {
    if (e.capitalised && !UPPER.test(tokens[first]!.raw)) continue;
    if (e.exactRaw && !e.exactRaw.every((raw, k) => stripPossessive(tokens[first + k]!.raw) === raw)) continue;
    out.push(e.value);
  }
  return out;
}

function stripPossessive(raw: string): string {
  return raw.replace(/['’ʼ]s$/, "");
}
