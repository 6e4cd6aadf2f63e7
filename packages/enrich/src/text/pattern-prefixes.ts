// What a match of a regex can start with, read from its source: the strings of up to `length` UTF-16 units that
// every match begins with one of. A table of patterns keyed by their first characters then tries, at each
// position of a text, only the patterns that can match there (see event-cues.ts).
// Conservative: whatever it does not read closely (\s, \p{..}, negated classes, "." ...) matches "anything
// from here on", and lookarounds and anchors are skipped as if absent; so a pattern can never match where its
// prefixes say it cannot. Case is taken as written: use it for patterns without the i flag.

/** Every match starts with one of the strings; "any" when nothing is known (a prefix would be ""). */
export type Prefixes = ReadonlySet<string> | "any";

/**
 * A start of a match of part of a pattern. `complete`: the part's whole match is `text` (shorter than the length
 * asked for), so what follows the part comes next; otherwise the match goes on with anything after `text`.
 */
interface Start {
  text: string;
  complete: boolean;
}

/** Starts keyed by text and completeness, so equal ones are kept once. */
type Starts = Map<string, Start>;

const DIGITS = range(0x30, 0x39);
const WORD = [...range(0x41, 0x5a), ...range(0x61, 0x7a), ...DIGITS, 0x5f];
const ESCAPED_CONTROL: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, f: 0x0c, v: 0x0b, "0": 0 };
/**
 * Characters with no special meaning, up to (not including) one a quantifier applies to. Surrogates are left to
 * atom(), which reads a pair as one character, as /u does.
 */
const LITERAL_RUN = /^(?:[^\\[\](){}|?*+.^$\ud800-\udfff](?![?*+{]))+/;
/** Past this many starts (a \w after a word, say), a sequence's starts are cut where they are. */
const MAX_STARTS = 256;
/** A class wider than this counts as "anything": its prefixes would not be worth their number. */
const MAX_CLASS = 1024;

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let c = from; c <= to; c++) out.push(c);
  return out;
}

const starts = (...list: Start[]): Starts => {
  const out: Starts = new Map();
  for (const s of list) add(out, s);
  return out;
};
const add = (into: Starts, s: Start) => into.set(`${s.complete ? "=" : "~"}${s.text}`, s);
/** Matches the empty string, then what follows. */
const EMPTY = (): Starts => starts({ text: "", complete: true });
/** Anything at all. */
const ANYTHING = (): Starts => starts({ text: "", complete: false });
const ofChars = (codes: Iterable<number>): Starts => {
  const out: Starts = new Map();
  for (const c of codes) add(out, { text: String.fromCodePoint(c), complete: true });
  return out;
};

export function prefixes(source: string, length: number): Prefixes {
  const parser = new Parser(source, length);
  const result = parser.alternation();
  if (parser.at < source.length) throw new Error(`prefixes: unbalanced ")" in ${source}`);
  const out = new Set<string>();
  for (const s of result.values()) {
    if (s.text === "") return "any";
    out.add(s.text);
  }
  return out;
}

class Parser {
  at = 0;
  /** Above 0 while nothing read can change the result (every start so far is already cut): read, build nothing. */
  private skipping = 0;
  constructor(
    private readonly src: string,
    private readonly length: number,
  ) {}

  /** `a` followed by `b`, cut to the length asked for; `a` alone (then anything) if that would make too many. */
  private concat(a: Starts, b: Starts): Starts {
    if (a.size * b.size > MAX_STARTS) {
      const out: Starts = new Map();
      for (const x of a.values()) add(out, { text: x.text, complete: false });
      return out;
    }
    const out: Starts = new Map();
    for (const x of a.values()) {
      if (!x.complete) {
        add(out, x);
        continue;
      }
      for (const y of b.values()) {
        const text = x.text + y.text;
        if (text.length >= this.length) add(out, { text: text.slice(0, this.length), complete: false });
        else add(out, { text, complete: y.complete });
      }
    }
    return out;
  }

  alternation(): Starts {
    const out: Starts = new Map();
    for (;;) {
      for (const s of this.sequence().values()) add(out, s);
      if (this.src[this.at] !== "|") return out;
      this.at++;
    }
  }

  private sequence(): Starts {
    let out = EMPTY();
    while (this.at < this.src.length && this.src[this.at] !== "|" && this.src[this.at] !== ")") {
      const settled = ![...out.values()].some((s) => s.complete);
      const run = LITERAL_RUN.exec(this.src.slice(this.at))?.[0];
      if (run) {
        // Plain text: one step for the whole run, not one per character.
        this.at += run.length;
        if (!settled)
          out = this.concat(out, starts({ text: run.slice(0, this.length), complete: run.length < this.length }));
        continue;
      }
      if (settled) this.skipping++;
      let atom = this.atom();
      if (settled) this.skipping--;
      const count = this.quantifier();
      if (count && count.max !== 1) {
        // One repetition and then anything: sound for any count of one or more.
        const repeated: Starts = new Map();
        for (const s of atom.values()) add(repeated, { text: s.text, complete: false });
        atom = repeated;
      }
      if (count?.min === 0) add(atom, { text: "", complete: true });
      out = this.concat(out, atom);
    }
    return out;
  }

  /** The counts a quantifier at the cursor allows (consumed; max Infinity when unbounded), if there is one. */
  private quantifier(): { min: number; max: number } | undefined {
    const c = this.src[this.at];
    let count: { min: number; max: number } | undefined;
    if (c === "?") count = { min: 0, max: 1 };
    else if (c === "*") count = { min: 0, max: Number.POSITIVE_INFINITY };
    else if (c === "+") count = { min: 1, max: Number.POSITIVE_INFINITY };
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.at));
      if (!m) throw new Error(`prefixes: unreadable quantifier in ${this.src}`);
      this.at += m[0].length - 1;
      const min = Number(m[1]);
      count = { min, max: m[2] === undefined ? min : m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY };
    }
    if (count === undefined) return undefined;
    this.at++;
    if (this.src[this.at] === "?") this.at++; // lazy
    return count;
  }

  private atom(): Starts {
    const c = this.src[this.at]!;
    if (c === "(") return this.group();
    if (c === "[") return this.characterClass();
    if (c === "\\") return this.escape(false);
    this.at++;
    if (c === ".") return ANYTHING();
    if (c === "^" || c === "$") return EMPTY();
    const code = this.src.codePointAt(this.at - 1)!;
    if (code > 0xffff) this.at++;
    return this.chars([code]);
  }

  /** The starts of one character out of `codes` (none built while skipping). */
  private chars(codes: Iterable<number>): Starts {
    return this.skipping > 0 ? EMPTY() : ofChars(codes);
  }

  private group(): Starts {
    this.at++; // (
    let lookaround = false;
    if (this.src.startsWith("?:", this.at)) this.at += 2;
    else if (this.src.startsWith("?=", this.at) || this.src.startsWith("?!", this.at)) {
      this.at += 2;
      lookaround = true;
    } else if (this.src.startsWith("?<=", this.at) || this.src.startsWith("?<!", this.at)) {
      this.at += 3;
      lookaround = true;
    } else if (this.src.startsWith("?<", this.at)) this.at = this.src.indexOf(">", this.at) + 1;
    const inner = this.alternation();
    if (this.src[this.at] !== ")") throw new Error(`prefixes: unclosed group in ${this.src}`);
    this.at++;
    // A lookaround consumes nothing: the match goes on with what follows it.
    return lookaround ? EMPTY() : inner;
  }

  private characterClass(): Starts {
    this.at++; // [
    let anything = this.src[this.at] === "^";
    const codes = new Set<number>();
    while (this.at < this.src.length && this.src[this.at] !== "]") {
      const from = this.classAtom();
      if (this.src[this.at] === "-" && this.src[this.at + 1] !== "]" && typeof from === "number") {
        this.at++;
        const to = this.classAtom();
        if (typeof to !== "number" || to - from > MAX_CLASS) anything = true;
        else for (const c of range(from, to)) codes.add(c);
      } else if (from === "any") anything = true;
      else for (const c of typeof from === "number" ? [from] : from) codes.add(c);
    }
    if (this.src[this.at] !== "]") throw new Error(`prefixes: unclosed class in ${this.src}`);
    this.at++;
    return anything || codes.size > MAX_CLASS ? ANYTHING() : this.chars(codes);
  }

  /** One class member: a code point, the codes of an escape such as \d, or "any" for one not read closely. */
  private classAtom(): number | number[] | "any" {
    if (this.src[this.at] === "\\") {
      const codes = this.escapeCodes(true);
      // A single character (\- \u0041) can bound a range; \d and \w are sets of several.
      return codes !== "any" && codes.length === 1 ? codes[0]! : codes;
    }
    const code = this.src.codePointAt(this.at)!;
    this.at += code > 0xffff ? 2 : 1;
    return code;
  }

  private escape(inClass: boolean): Starts {
    if (!inClass && (this.src[this.at + 1] === "b" || this.src[this.at + 1] === "B")) {
      this.at += 2;
      return EMPTY();
    }
    const codes = this.escapeCodes(inClass);
    return codes === "any" ? ANYTHING() : this.chars(codes);
  }

  /** The characters an escape matches, or "any" for those not read closely (and backreferences). */
  private escapeCodes(inClass: boolean): number[] | "any" {
    this.at++; // backslash
    const c = this.src[this.at]!;
    this.at++;
    if (c === "d") return DIGITS;
    if (c === "w") return WORD;
    if (c === "p" || c === "P") {
      this.at = this.src.indexOf("}", this.at) + 1;
      return "any";
    }
    if (c === "k") {
      this.at = this.src.indexOf(">", this.at) + 1;
      return "any";
    }
    if ("DWSsc".includes(c) || /[1-9]/.test(c) || (inClass && c === "b")) return "any";
    if (c === "u") {
      const m = /^\{([0-9a-fA-F]+)\}|^([0-9a-fA-F]{4})/.exec(this.src.slice(this.at));
      if (!m) throw new Error(`prefixes: unreadable \\u escape in ${this.src}`);
      this.at += m[0].length;
      return [Number.parseInt(m[1] ?? m[2]!, 16)];
    }
    if (c === "x") {
      const hex = this.src.slice(this.at, this.at + 2);
      this.at += 2;
      return [Number.parseInt(hex, 16)];
    }
    const control = ESCAPED_CONTROL[c];
    if (control !== undefined) return [control];
    // An escaped literal: \- \. \( ...
    return [c.codePointAt(0)!];
  }
}
