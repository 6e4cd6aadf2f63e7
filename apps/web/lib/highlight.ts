// Pure: where to mark an article's text — the evidence sentence of each event (stored offsets) and every
// mention of the places and actors the enricher recognised in it (their taxonomy names and aliases, found
// again in the stored text; deterministic: longest match first, then leftmost). Returns plain segments; the
// page renders them as React text, so the article is always escaped.

export interface Term {
  text: string;
  kind: "place" | "actor";
  /** What the mark stands for, e.g. "Kharkiv Oblast (UA-63)". */
  label: string;
}

export interface EvidenceSpan {
  start: number;
  end: number;
  eventIds: string[];
}

export interface Segment {
  text: string;
  /** The evidence span this segment lies in, if any. */
  evidence?: EvidenceSpan;
  /** True for the first segment of an evidence span (it carries the anchor). */
  evidenceStart?: boolean;
  term?: { kind: Term["kind"]; label: string };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Merges overlapping evidence spans (two events from one sentence share one mark); drops ones out of range. */
export function mergeEvidence(
  spans: { start: number; end: number; eventId: string }[],
  length: number,
): EvidenceSpan[] {
  const valid = spans
    .filter((s) => s.start >= 0 && s.end <= length && s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: EvidenceSpan[] = [];
  for (const s of valid) {
    const last = merged.at(-1);
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      last.eventIds.push(s.eventId);
    } else merged.push({ start: s.start, end: s.end, eventIds: [s.eventId] });
  }
  return merged;
}

/** Non-overlapping term matches, longest term first, then leftmost; never across an evidence boundary. */
export function findTerms(text: string, terms: Term[], evidence: EvidenceSpan[]) {
  const unique = new Map<string, Term>();
  for (const t of terms) {
    const key = t.text.trim().toLowerCase();
    if (key.length >= 3 && !unique.has(key)) unique.set(key, { ...t, text: t.text.trim() });
  }
  const sorted = [...unique.values()].sort((a, b) => b.text.length - a.text.length || a.text.localeCompare(b.text));
  const taken: { start: number; end: number; term: Term }[] = [];
  const overlaps = (start: number, end: number) => taken.some((t) => start < t.end && t.start < end);
  const crossesEvidence = (start: number, end: number) =>
    evidence.some((e) => (start < e.start && end > e.start) || (start < e.end && end > e.end));
  for (const term of sorted) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term.text)}(?![\\p{L}\\p{N}])`, "giu");
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!overlaps(start, end) && !crossesEvidence(start, end)) taken.push({ start, end, term });
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

export function segmentText(
  text: string,
  evidenceSpans: { start: number; end: number; eventId: string }[],
  terms: Term[],
): Segment[] {
  const evidence = mergeEvidence(evidenceSpans, text.length);
  const matches = findTerms(text, terms, evidence);
  const cuts = new Set<number>([0, text.length]);
  for (const e of evidence) cuts.add(e.start).add(e.end);
  for (const m of matches) cuts.add(m.start).add(m.end);
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const ev = evidence.find((e) => start >= e.start && end <= e.end);
    const match = matches.find((m) => m.start === start && m.end === end);
    segments.push({
      text: text.slice(start, end),
      ...(ev && { evidence: ev, evidenceStart: ev.start === start }),
      ...(match && { term: { kind: match.term.kind, label: match.term.label } }),
    });
  }
  return segments;
}
