import { z } from "zod";

/** Classes of the real-report fixtures (issues #13 events/actors and #14 places). */
export const FIXTURE_CLASSES = [
  "no-event-violence",
  "weapon-subevent",
  "actors",
  "primary-event",
  "claims",
  "dates",
  "fatalities",
  "small-settlement",
  "not-a-place",
  "mention-not-place",
  "settlement-region-qualifier",
  "same-name",
] as const;

export const FixtureClass = z.enum(FIXTURE_CLASSES);

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

/** ISO 3166-2 code as used in packages/model/taxonomy/regions.json (UA-14, RU-BEL, ...). */
const RegionCode = z.string().regex(/^(UA|RU)-[A-Z0-9]{2,3}$/);

export const FixtureActor = z.enum(["RU", "UA", "NAF", "unknown"]);

export const FixtureExpect = z
  .object({
    eventType: z
      .enum([
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Strategic developments",
        "Protests",
        "Riots",
      ])
      .optional(),
    subEventType: z
      .enum([
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Attack",
        "Abduction/forced disappearance",
        "Disrupted weapons use",
        "Looting/property destruction",
        "Other",
      ])
      .optional(),
    actor1: FixtureActor.optional(),
    actor2: z.union([FixtureActor, z.literal("civilians")]).optional(),
    civilianTargeting: z.boolean().optional(),
    fatalities: z.number().int().min(0).optional(),
    claimStatus: z.enum(["reported", "claimed", "denied", "contested"]).optional(),
    claimBy: z.string().min(1).optional(),
    date: IsoDate.optional(),
    datePrecision: z.enum(["day", "week", "month"]).optional(),
    notDate: IsoDate.optional(),
    admin1: RegionCode.optional(),
    notRegion: RegionCode.optional(),
    settlement: z.string().min(1).nullable().optional(),
    minEvents: z.number().int().min(0).optional(),
    maxEvents: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((e) => Object.keys(e).length > 0, "expect must test something")
  .refine((e) => e.minEvents === undefined || e.maxEvents === undefined || e.minEvents <= e.maxEvents, {
    message: "minEvents > maxEvents",
  });

export const RealReport = z
  .object({
    id: z.string().regex(/^[a-z-]+-\d{2,3}$/),
    class: FixtureClass,
    /** Our own paraphrase of the source report (never third-party text). */
    text: z.string().min(20).max(1200),
    publishedAt: IsoDate,
    /** Page the report was read from. */
    source: z.url(),
    /** Date of the source report. */
    sourceDate: IsoDate,
    split: z.enum(["dev", "test"]),
    expect: FixtureExpect,
  })
  .strict()
  .refine((r) => r.id.startsWith(`${r.class}-`), { message: "id must start with its class" });

export type RealReport = z.infer<typeof RealReport>;
