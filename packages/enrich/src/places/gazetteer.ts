// The settlement gazetteer: a curated JSON list (data/gazetteer.json) of towns, villages and facilities
// with their region and coordinates. Kept deliberately simple so a GeoNames-derived list can replace it.
import { regionByCode } from "@frontline/model";
import { z } from "zod";
import gazetteerData from "../../data/gazetteer.json";

export const GazetteerEntry = z.object({
  name: z.string().min(1),
  /** ISO 3166-2 code of the first-level region the place lies in. */
  regionCode: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/),
  kind: z.enum(["city", "town", "village", "facility"]),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  aliases: z.array(z.string().min(1)),
});
export type GazetteerEntry = z.infer<typeof GazetteerEntry>;

export function loadGazetteer(data: unknown): readonly GazetteerEntry[] {
  const parsed = z.array(GazetteerEntry).safeParse(data);
  if (!parsed.success) throw new Error(`gazetteer is invalid: ${z.prettifyError(parsed.error)}`);
  for (const entry of parsed.data) {
    if (!regionByCode(entry.regionCode))
      throw new Error(`gazetteer: ${entry.name} has unknown region ${entry.regionCode}`);
  }
  return parsed.data;
}

export const gazetteer = loadGazetteer(gazetteerData);
