// Self-written datasets: the project's own ACLED-style event notes (apps/cli/eval/dev-set.jsonl), labelled by hand from ACLED's
// public codebook. Scored on the product targets: admin1, ACLED event_type and sub_event_type, actor1 side.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { EnrichedArticle } from "@frontline/model";
import { z } from "zod";
import { cliEvalDir } from "./paths.ts";
import { acledLabel, predictedActor1Side, predictedRegion } from "./primary-event.ts";
import type { DatasetReport } from "./report.ts";
import { ConfusionTally, countLabel, emptyCounts, fieldScore } from "./score.ts";

export const DevNote = z.object({
  id: z.string(),
  text: z.string().min(1),
  publishedAt: z.iso.date(),
  gold: z.object({
    region: z.string(),
    acled: z.tuple([z.string(), z.string()]),
    /** null: no single side acts first (a joint agreement, an exchange); such notes are not scored on side. */
    actor1Side: z.enum(["RU", "UA", "other"]).nullable(),
  }),
});
export type DevNote = z.infer<typeof DevNote>;

export const devSetPath = resolve(cliEvalDir, "dev-set.jsonl");
/** Notes labelled like the dev set but kept out of rule-writing: scored on their own, to show over-fitting. */
export const devHoldoutPath = resolve(cliEvalDir, "dev-holdout.jsonl");

/** Product targets on the hidden set of real ACLED notes; shown beside the dev set's scores. */
export const PRODUCT_TARGETS: Record<string, number> = {
  admin1: 0.97,
  event_type: 0.92,
  sub_event_type: 0.85,
  "actor1 side": 0.9,
};

export function loadDevSet(path = devSetPath): DevNote[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const parsed = DevNote.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    });
}

/** The two notes files: the dev set rules are written against, and the holdout, labelled independently. */
export type NotesDataset = "ours-dev" | "ours-holdout";

export function evalDevSet(
  notes: DevNote[],
  enrich: (input: { id: string; text: string; publishedAt: string }) => EnrichedArticle,
  dataset: NotesDataset = "ours-dev",
  title = dataset === "ours-dev"
    ? `ours-dev: ${notes.length} ACLED-style notes of our own writing, rules are written against them (apps/cli/eval/dev-set.jsonl)`
    : `ours-holdout: ${notes.length} ACLED-style notes of our own writing, labelled independently, not used for tuning (apps/cli/eval/dev-holdout.jsonl)`,
): DatasetReport {
  const confusions = new ConfusionTally();
  const region = emptyCounts();
  const eventType = emptyCounts();
  const subEventType = emptyCounts();
  const side = emptyCounts();
  let sideN = 0;

  for (const note of notes) {
    const article = enrich({ id: note.id, text: note.text, publishedAt: note.publishedAt });
    const primary = article.events[0];
    const { gold } = note;

    const predictedCode = predictedRegion(article);
    if (!countLabel(region, gold.region, predictedCode)) confusions.add("admin1", gold.region, predictedCode);

    if (!countLabel(eventType, gold.acled[0], primary?.acled.eventType)) {
      confusions.add("event_type", gold.acled[0], primary?.acled.eventType);
    }
    // A sub-event type is right only under the right event type: compare the pair.
    const goldPair = acledLabel(...gold.acled);
    const predictedPair = primary ? acledLabel(primary.acled.eventType, primary.acled.subEventType) : undefined;
    const subEventRight = countLabel(subEventType, goldPair, predictedPair);
    // A wrong event type already shows under event_type; here only slips within the right event type.
    if (!subEventRight && primary?.acled.eventType === gold.acled[0]) {
      confusions.add("sub_event_type", gold.acled[1], primary.acled.subEventType);
    }

    if (gold.actor1Side !== null) {
      sideN += 1;
      const predictedSide = predictedActor1Side(article);
      if (!countLabel(side, gold.actor1Side, predictedSide))
        confusions.add("actor1 side", gold.actor1Side, predictedSide);
    }
  }

  return {
    dataset,
    realText: false,
    split: dataset === "ours-dev" ? "dev" : "holdout",
    origin: "self-written (ours), written by the team",
    title,
    fields: [
      fieldScore("admin1", region, notes.length),
      fieldScore("event_type", eventType, notes.length),
      fieldScore("sub_event_type", subEventType, notes.length),
      fieldScore("actor1 side", side, sideN),
    ],
    confusions: confusions.top(12),
    notes: [
      `${notes.length - sideN} notes with no single acting side are not scored on actor1 side`,
      "targets are for the hidden set of real ACLED notes; with one label per note, R = accuracy",
    ],
    targets: PRODUCT_TARGETS,
  };
}

// `tsx src/eval/dev-set.ts [notes.jsonl]`: scores any notes file on its own (default: the holdout, which
// `frontline eval` also scores as the "ours-holdout" dataset).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { enrichArticle } = await import("@frontline/enrich");
  const { renderDataset } = await import("./report.ts");
  const path = resolve(process.argv[2] ?? devHoldoutPath);
  const notes = loadDevSet(path);
  const title = `${notes.length} notes scored on their own (${path})`;
  process.stdout.write(`${renderDataset(evalDevSet(notes, enrichArticle, "ours-holdout", title))}\n`);
}
