// Who says an event happened. A belligerent saying so is a claim; a denial is a denial; a report and a
// denial of the same thing (in one sentence, or a denial in the next) make it contested.
import type { Actor, Claim } from "@frontline/model";
import type { ActorMention } from "../actors/resolve-actors.ts";
import { CaselessPattern, lowerForMatching } from "../text/caseless.ts";

export interface Speaker {
  name: string;
  /** RU or UA for a party to the war; "other" for media, third states, analysts. */
  side: "RU" | "UA" | "other";
  /** The speaker's actor, when the speaker is one ("Russia's National Guard said"). */
  actor?: Actor;
}

export interface SentenceClaim {
  claim: Claim;
  speaker?: Speaker;
  denial: boolean;
}

const DENIAL = new CaselessPattern(
  String.raw`(?<![\p{L}])(?:denie[sd]|deny|denying|rejected|refuted|dismissed|disputed|заперечу\p{L}*|спростува\p{L}*|опроверг\p{L}*|отрица\p{L}*)(?![\p{L}])`,
);
const SAYS = new CaselessPattern(
  String.raw`(?<![\p{L}])(?:said|says|claimed|claims|claiming|blamed|blames|accused|accuses|announced|announces|stated|states|reported|reports|told|wrote|acknowledged|acknowledges|confirmed|insisted|declared|заяви\p{L}*|повідоми\p{L}*|сообщи\p{L}*)(?![\p{L}])`,
);
const SAYS_BY = new CaselessPattern(
  String.raw`(?<![\p{L}])(?:according to|confirmed by|announced by|claimed by|cited by|за даними|по данным)(?![\p{L}])`,
);
const REPORTS = new CaselessPattern(
  String.raw`(?<![\p{L}])(?:reports? (?:indicate|suggest|say|said)|reportedly|media report(?:s|ed)?|according to (?:media )?reports|were reported|was reported|it is reported)(?![\p{L}])`,
);
const ANAPHOR = new CaselessPattern(
  String.raw`(?<![\p{L}])(?:it|he|she|they|the ministry|the army|the statement|the spokesman|the spokeswoman|the governor|the agency)\s+(?:also\s+|later\s+|further\s+)?(?:said|says|added|claimed|reported|announced)`,
);
const OUTLET_SPEAKER = new CaselessPattern(
  String.raw`(?<![\p{L}])(?:analysts?|observers?|bloggers?|experts?|journalists?|media)(?![\p{L}])`,
);
// "a Ukrainian security source told", "Russian officials said": an unnamed speaker right before the verb.
// Not bounded (a plain RegExp): the pattern can start inside any word, so checking its lookbehind afterwards would
// retry at every letter.
const UNNAMED_SPEAKER = new CaselessPattern(
  String.raw`(?<![\p{L}'’])(?:(ukrainian|russian|western|us|u\.s\.)\s+)?(?:[\p{L}-]+\s+){0,2}(?:sources?|officials?|spokes(?:man|woman|person)|commanders?|bloggers?|administration|authorities|governor|mayor|police|prosecutors?)\s+(?:\p{L}+\s+){0,2}$`,
  false,
);
const SIDES: Record<string, "RU" | "UA"> = { ukrainian: "UA", russian: "RU" };
// A word each match of SAYS_BY and of REPORTS contains. On lower-cased text the patterns match their words
// literally, so a sentence with none of these has no match: a substring search is far cheaper than the scan.
const SAYS_BY_WORDS = ["according to", " by", "за даними", "по данным"];
const REPORTS_WORDS = ["report"];

/** Whether lower-cased text may hold one of `words`; text read as written (`lower` undefined) always may. */
function mayHave(lower: string | undefined, words: readonly string[]): boolean {
  return lower === undefined || words.some((w) => lower.includes(w));
}

/** The claim a sentence makes about what it reports. `previous` is the last named speaker, for "It said". */
export function sentenceClaim(
  text: string,
  start: number,
  end: number,
  actors: readonly ActorMention[],
  previous: Speaker | undefined,
  /** lowerForMatching of the sentence, when the caller has it. */
  lower: string | undefined = lowerForMatching(text.slice(start, end)),
): SentenceClaim {
  const sentence = text.slice(start, end);
  // Civilians are reported on, not quoted as a source.
  const inside = actors.filter((a) => a.start >= start && a.end <= end && a.actor.kind !== "civilians");
  const denialAt = DENIAL.exec(sentence, lower)?.index;
  const saysMatch = SAYS.exec(sentence, lower);
  const byMatch = mayHave(lower, SAYS_BY_WORDS) ? SAYS_BY.exec(sentence, lower) : null;
  const report = mayHave(lower, REPORTS_WORDS) && REPORTS.test(sentence, lower);

  let speaker: Speaker | undefined;
  const byFirst = byMatch && (!saysMatch || byMatch.index < saysMatch.index);
  if (byMatch && byFirst) {
    const after = inside.find((a) => a.start >= start + byMatch.index);
    if (after) speaker = speakerOf(after);
  }
  if (!speaker && saysMatch) {
    const lead = sentence.slice(0, saysMatch.index);
    const window = lead.slice(-60);
    const unnamed = UNNAMED_SPEAKER.exec(window, lower?.slice(0, saysMatch.index).slice(-60));
    const before = inside.filter((a) => a.end <= start + saysMatch.index).at(-1);
    if (
      unnamed &&
      (!before || start + lead.length - 60 > before.end - 1 || before.end < start + lead.length - unnamed[0].length)
    ) {
      const side = SIDES[unnamed[1]?.toLowerCase() ?? ""];
      // The name as written: the match may be on the lower-cased text.
      const name = window.slice(unnamed.index, unnamed.index + unnamed[0].length);
      speaker = { name: name.trim(), side: side ?? "other" };
    } else if (before) speaker = speakerOf(before);
    else if (ANAPHOR.test(sentence, lower)) speaker = previous;
    else if (OUTLET_SPEAKER.test(lead, lower?.slice(0, saysMatch.index))) speaker = { name: "media", side: "other" };
  }
  if (!speaker && byMatch) {
    const after = inside.find((a) => a.start >= start + byMatch.index);
    if (after) speaker = speakerOf(after);
  }
  // The rest of a quotation ("... And more than 100 prisoners.") keeps the quoted speaker.
  if (!speaker && !saysMatch && /["”»]\s*$/.test(sentence) && !/["“«]/.test(sentence.slice(0, -1))) speaker = previous;

  const denier = denialAt !== undefined ? inside.filter((a) => a.end <= start + denialAt).at(-1) : undefined;
  if (denialAt !== undefined && (report || (saysMatch && saysMatch.index < denialAt))) {
    const by = speaker?.name;
    return { claim: by ? { status: "contested", by } : { status: "contested" }, speaker, denial: true };
  }
  if (denialAt !== undefined) {
    const by = denier ? speakerOf(denier).name : speaker?.name;
    return { claim: by ? { status: "denied", by } : { status: "denied" }, speaker, denial: true };
  }
  if (speaker && speaker.side !== "other")
    return { claim: { status: "claimed", by: speaker.name }, speaker, denial: false };
  if (speaker) return { claim: { status: "reported", by: speaker.name }, speaker, denial: false };
  return { claim: { status: "reported" }, denial: false };
}

function speakerOf(mention: ActorMention): Speaker {
  return { name: mention.actor.name, side: mention.actor.side, actor: mention.actor };
}
