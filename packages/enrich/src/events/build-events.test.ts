import { EnrichedArticle, type Event } from "@frontline/model";
import { describe, expect, it } from "vitest";
import { enrichArticle } from "../enrich.ts";

const events = (text: string, publishedAt = "2025-03-12"): Event[] =>
  EnrichedArticle.parse(enrichArticle({ id: "t", text, publishedAt })).events;
const first = (text: string) => {
  const event = events(text)[0];
  if (!event) throw new Error(`no event in: ${text}`);
  return event;
};

describe("event types", () => {
  it.each([
    [
      "Russian artillery shelled Kherson on Monday.",
      "shelling",
      "Explosions/Remote violence",
      "Shelling/artillery/missile attack",
    ],
    [
      "A ballistic missile struck Odesa port overnight.",
      "missile-strike",
      "Explosions/Remote violence",
      "Shelling/artillery/missile attack",
    ],
    ["Russian drones attacked Sumy at night.", "air-drone-strike", "Explosions/Remote violence", "Air/drone strike"],
    [
      "Ukrainian air defence shot down 30 drones over the Kyiv region.",
      "air-defence-interception",
      "Strategic developments",
      "Disrupted weapons use",
    ],
    [
      "Russian forces captured the village of Robotyne, the ministry said.",
      "territory-captured",
      "Battles",
      "Non-state actor overtakes territory",
    ],
    [
      "Ukrainian troops recaptured Kupiansk after a week of fighting.",
      "territory-regained",
      "Battles",
      "Government regains territory",
    ],
    [
      "Soldiers raised a flag over a village in Donetsk region.",
      "territory-transfer",
      "Strategic developments",
      "Non-violent transfer of territory",
    ],
    ["Heavy clashes continued near Toretsk.", "armed-clash", "Battles", "Armed clash"],
    [
      "A strike on an energy facility in Poltava region caused blackouts.",
      "infrastructure-strike",
      "Explosions/Remote violence",
      "Shelling/artillery/missile attack",
    ],
    [
      "Russia and Ukraine carried out a prisoner exchange on Friday.",
      "prisoner-exchange",
      "Strategic developments",
      "Agreement",
    ],
    ["Hundreds of protesters rallied in Lviv against corruption.", "protest", "Protests", "Peaceful protest"],
    ["The SBU arrested two suspected saboteurs in Odesa.", "arrest", "Strategic developments", "Arrests"],
  ])("%s → %s", (text, type, eventType, subEventType) => {
    const event = first(text);
    expect(event.type).toBe(type);
    expect(event.acled).toEqual({ eventType, subEventType });
  });

  it("finds nothing in text without conflict content", () => {
    expect(events("The bakery on the corner sells fresh bread every morning.")).toEqual([]);
  });

  it("skips speculation with a single cue", () => {
    expect(events("Any advance would be costly.")).toEqual([]);
  });

  it("skips a negated cue", () => {
    expect(events("There was no shelling in the city.")).toEqual([]);
  });
});

describe("event attributes", () => {
  it("takes actor1 as the initiator and actor2 as the target", () => {
    const event = first("Russian forces shelled Ukrainian positions near Siversk.");
    expect(event.actor1?.id).toBe("ru-military");
    expect(event.actor2?.id).toBe("ua-military");
    expect(event.region?.code).toBe("UA-14");
    expect(event.place?.name).toBe("Siversk");
  });

  it("uses the claimant's forces for a passive interception", () => {
    const event = first("The Russian defence ministry said 25 Ukrainian drones were intercepted over Bryansk region.");
    expect(event.type).toBe("air-defence-interception");
    expect(event.actor1?.id).toBe("ru-military");
    expect(event.actor2?.id).toBe("ua-military");
    expect(event.quantities).toContainEqual(expect.objectContaining({ value: 25, unit: "drones" }));
  });

  it("prefers the destination of a movement", () => {
    expect(first("Russian troops advanced from Donetsk region into Dnipropetrovsk region.").region?.code).toBe("UA-12");
  });

  it("dates an event from its own clause, not the publish date", () => {
    const event = events("Officials recalled a missile strike on Kharkiv in late 2022.", "2022-12-30")[0];
    expect(event?.date).toEqual({ value: "2022-01-01", precision: "year" });
  });

  it("marks a sentence whose month or year lies well before publication as background, never the primary", () => {
    const found = events(
      "Russian forces withdrew from Kherson in November 2022. Russian artillery shelled Kherson on Monday.",
      "2025-03-10",
    );
    expect(found[0]).toMatchObject({ type: "shelling" });
    expect(found[0]?.background).toBeUndefined();
    expect(found.find((e) => e.date?.value === "2022-11-01")).toMatchObject({ background: true });
  });

  it("never dates an event by its dateline, and counts no number of it", () => {
    const event = events("KYIV, Jan 24 (Reuters) - Russian missiles hit Kharkiv on Tuesday.", "2025-01-24")[0];
    expect(event?.date).toEqual({ value: "2025-01-21", precision: "day" });
    expect(event?.quantities).toBeUndefined();
    // The headline's event takes the day the lead gives ("on Thursday"), not the dateline's.
    const headline = events(
      "Russian forces repel an attack in Kursk region (Moscow, August 9, IANS). The ministry said on Thursday that " +
        "border units repelled an attack near Sudzha.",
      "2024-08-09",
    )[0];
    expect(headline?.date).toEqual({ value: "2024-08-08", precision: "day" });
  });

  it("makes no strike of where a missile was launched from, and names no speaker by half a possessive", () => {
    const found = events(
      "A Russian missile struck the centre of Sumy on Monday, the city's military administration said. The missile " +
        "was launched from the Kursk region of Russia, Ukraine's air force said.",
      "2025-03-10",
    );
    expect(found.filter((e) => e.type === "missile-strike")).toHaveLength(1);
    expect(found[0]?.claim?.by).toBe("military administration");
  });

  it("never dates a new event by when something began ('since late last year')", () => {
    const event = events("Russian artillery has shelled Kupiansk daily since August 2024.", "2025-03-12")[0];
    expect(event?.date).toEqual({ value: "2025-03-12", precision: "day", basis: "publication" });
  });

  it("dates an event the text gives no date by its publication, and says so", () => {
    expect(first("Russian forces shelled Kharkiv.").date).toEqual({
      value: "2025-03-12",
      precision: "day",
      basis: "publication",
    });
  });

  it("resolves the ACLED note style", () => {
    const event = first("On 5 March 2022, Russian forces shelled residential areas in Kharkiv, Kharkiv.");
    expect(event).toMatchObject({
      type: "shelling",
      actor1: { id: "ru-military" },
      region: { code: "UA-63" },
      place: { name: "Kharkiv" },
      date: { value: "2022-03-05", precision: "day" },
    });
  });
});

describe("claims", () => {
  it("a party saying so is a claim", () => {
    expect(first("Russia's defence ministry said its forces captured Toretsk.").claim).toEqual({
      status: "claimed",
      by: "Russian Ministry of Defence",
    });
  });

  it("a party named after 'according to' is the claimant, whatever the case of the words", () => {
    expect(first("According to Russia's defence ministry, its forces captured Toretsk.").claim).toEqual({
      status: "claimed",
      by: "Russian Ministry of Defence",
    });
  });

  it("a denial is a denial", () => {
    expect(first("Ukraine's military denied that Russian troops had captured Kurakhove.").claim?.status).toBe("denied");
  });

  it("a report and a denial make it contested", () => {
    expect(first("Reports say Russian forces seized Velyka Novosilka, but Kyiv denies it.").claim?.status).toBe(
      "contested",
    );
  });

  it("a denial in the next sentence contests the claim", () => {
    const out = events("Moscow claimed its troops had captured Chasiv Yar. Ukraine denied the claim.");
    expect(out[0]?.claim?.status).toBe("contested");
  });

  it("unattributed reporting is reported", () => {
    expect(first("Shelling hit Nikopol on Tuesday.").claim).toEqual({ status: "reported" });
  });
});
