// Case-insensitive Unicode matching (/iu) is several times slower in V8 than matching lower-cased text with a
// pattern written in lower case and no i flag. The two find the same matches at the same offsets when
// lower-casing kept the text's length (it does not for "İ") and the text has none of the few characters that
// Unicode case folding maps differently from lower-casing: ſ (folds to s, a \w), the combining ypogegrammeni
// U+0345 (folds to ι, a letter), and the old Cyrillic letter variants U+1C80-U+1C88 (fold to в д о с т ъ ѣ ꙋ).
// That holds for patterns whose literal letters are lower case and whose classes are \d \s \w \b \p{L} \p{N}
// and the like, not [A-Z] or \p{Lu}; caseless.test.ts checks every code point against such classes.
import { BoundedPattern } from "./bounded-pattern.ts";

const FOLDS_UNLIKE_LOWER_CASE = /\u017f|\u0345|[\u1c80-\u1c88]/;

/**
 * The text lower-cased for CaselessPattern, or undefined where the /iu pattern must read the text as written.
 * `lower`: text.toLowerCase(), when the caller has it.
 */
export function lowerForMatching(text: string, lower = text.toLowerCase()): string | undefined {
  return lower.length === text.length && !FOLDS_UNLIKE_LOWER_CASE.test(text) ? lower : undefined;
}

/** A BoundedPattern or a plain (non-global) RegExp: what a CaselessPattern runs. */
interface Matcher {
  exec(text: string): RegExpExecArray | null;
}

/**
 * A case-insensitive pattern that runs without the i flag on text lowerForMatching lower-cased, and as /iu on text
 * it refused. Matches on lower-cased text carry lower-cased text: use their offsets, and the text as written.
 */
export class CaselessPattern {
  private readonly asWritten: Matcher;
  /** Undefined for a source with an upper-case letter (outside escapes such as \p{L} or \S): it reads text as written. */
  private readonly lowerCase: Matcher | undefined;

  /** `bounded`: search with BoundedPattern (see there) rather than a plain RegExp. */
  constructor(source: string, bounded = true) {
    const make = (flags: string): Matcher => (bounded ? new BoundedPattern(source, flags) : new RegExp(source, flags));
    const letters = source.replace(/\\[pPu]\{[^}]*\}|\\./g, "");
    this.asWritten = make("iu");
    this.lowerCase = letters === letters.toLowerCase() ? make("u") : undefined;
  }

  /** The first match in `text`; `lower` is lowerForMatching(text). */
  exec(text: string, lower: string | undefined): RegExpExecArray | null {
    return lower === undefined || this.lowerCase === undefined ? this.asWritten.exec(text) : this.lowerCase.exec(lower);
  }

  test(text: string, lower: string | undefined): boolean {
    return this.exec(text, lower) !== null;
  }
}
