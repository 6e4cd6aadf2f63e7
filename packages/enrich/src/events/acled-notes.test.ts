// Rules for ACLED-style event notes ("On [date], [actor] [verb] [target] in [place], [admin1]."): the primary
// event, its actor1 and its ACLED sub-type. Sentences written for these tests, not taken from any eval set.
import { describe, expect, it } from "vitest";
import { findDates } from "../dates/resolve-dates.ts";
import { enrichArticle } from "../enrich.ts";

const primary = (text: string) => {
  const article = enrichArticle({ id: "t", text, publishedAt: "2023-06-20" });
  return { article, event: article.events[0] };
};

describe("ACLED-style notes", () => {
  it("does not read the month May as a hedge", () => {
    const { event } = primary("On 9 May 2023, Ukrainian troops clashed with Russian units near Kreminna, Luhansk.");
    expect(event).toMatchObject({ type: "armed-clash", actor1: { id: "ua-military" }, region: { code: "UA-09" } });
  });

  it("folds a casualty sentence into the event before it, as its quantity", () => {
    const { article, event } = primary(
      "On 2 April 2023, Russian forces shelled Kostiantynivka, Donetsk. Three civilians were killed.",
    );
    expect(article.events).toHaveLength(1);
    expect(event?.type).toBe("shelling");
    expect(event?.quantities).toContainEqual(expect.objectContaining({ value: 3 }));
  });

  it("takes actor1 from the agent of a passive and from the subject, not the object, of an active clause", () => {
    expect(
      primary("Ukrainian positions near Siversk, Donetsk, were shelled by Russian forces.").event?.actor1?.id,
    ).toBe("ru-military");
    expect(
      primary("On 4 June 2023, Russian troops attacked Ukrainian positions near Kreminna, Luhansk.").event,
    ).toMatchObject({ type: "armed-clash", actor1: { id: "ru-military" } });
  });

  it("codes territory by whether the force gains ground at home or abroad", () => {
    expect(primary("On 3 June 2023, Russian forces recaptured Pogrebki, Kursk.").event?.acled.subEventType).toBe(
      "Government regains territory",
    );
    expect(primary("On 3 June 2023, Russian forces liberated Krasnohorivka, Donetsk.").event?.acled.subEventType).toBe(
      "Non-state actor overtakes territory",
    );
    expect(primary("On 3 June 2023, Ukrainian forces liberated Kupiansk, Kharkiv.").event?.acled.subEventType).toBe(
      "Government regains territory",
    );
  });

  it("counts a repeated weapon once, so an interception of several missiles stays an interception", () => {
    const { event } = primary(
      "On 5 June 2023, Ukrainian air defence shot down 4 cruise missiles and 2 ballistic missiles over Kyiv region.",
    );
    expect(event).toMatchObject({ type: "air-defence-interception", actor1: { id: "ua-air-force" } });
  });

  it("narrows protests by what forces did to them; protesters are actor1 unless force was excessive", () => {
    const dispersed = primary(
      "On 3 May 2022, residents rallied in Enerhodar, Zaporizhzhia; Russian forces dispersed them with stun grenades.",
    ).event;
    expect(dispersed).toMatchObject({ type: "protest-intervention", actor1: { id: "protesters-ua" } });
    const fired = primary(
      "On 7 May 2022, Russian soldiers opened fire on protesters at a rally in Kherson city, Kherson.",
    ).event;
    expect(fired).toMatchObject({ type: "protest-excessive-force", actor1: { id: "ru-military" } });
  });

  it("gives an arrest with no named authority to the police of the country", () => {
    const { event } = primary(
      "On 1 June 2023, police detained a man in Belgorod city, Belgorod, suspected of sabotage.",
    );
    expect(event).toMatchObject({ type: "arrest", actor1: { id: "ru-police" } });
  });

  it("attributes an unattributed strike to the side that does not hold the ground", () => {
    expect(primary("Two people were killed in shelling of Nikopol, Dnipropetrovsk.").event?.actor1?.id).toBe(
      "ru-military",
    );
    expect(primary("A drone struck an oil depot in Yevpatoria, Crimea.").event?.actor1?.id).toBe("ua-military");
  });

  it("reads 'Russian shelling' as Russia's forces, but only right after the demonym", () => {
    expect(primary("Russian shelling killed a woman in Kherson city.").event?.actor1?.id).toBe("ru-military");
    const actors = primary("Ukraine faced Russian strikes overnight.").article.actors.map((a) => a.id);
    expect(actors).not.toContain("ua-military");
  });

  it("reads 'the Dnipro' as the river, not the city", () => {
    const { event } = primary(
      "On 8 June 2023, Russian forces shelled the right bank of the Dnipro near Kherson city, Kherson.",
    );
    expect(event?.region?.code).toBe("UA-65");
  });

  it("codes defusing as disrupted weapons use and a mine blast as a remote explosive", () => {
    expect(primary("On 6 June 2023, deminers defused an unexploded shell in Irpin, Kyiv.").event?.acled).toEqual({
      eventType: "Strategic developments",
      subEventType: "Disrupted weapons use",
    });
    expect(
      primary("On 6 June 2023, a tractor hit an anti-tank mine near Kupiansk, Kharkiv; the driver was wounded.").event
        ?.acled.subEventType,
    ).toBe("Remote explosive/landmine/IED");
  });
});

describe("day-month dates read without chrono", () => {
  it.each([
    ["On 5 March 2022, shelling resumed.", "2022-03-05"],
    ["On March 5, 2022, shelling resumed.", "2022-03-05"],
    ["Since Aug. 6 the front has moved.", "2023-08-06"],
    ["On 28 December the town fell.", "2022-12-28"],
  ])("%s → %s", (text, value) => {
    const dates = findDates(text, 0, text.length, "2023-08-10");
    expect(dates.map((d) => d.date.value)).toContain(value);
  });
});
