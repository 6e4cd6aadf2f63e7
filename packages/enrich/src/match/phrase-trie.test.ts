import { describe, expect, it } from "vitest";
import { tokenize } from "../text/tokens.ts";
import { PhraseTrie } from "./phrase-trie.ts";

describe("PhraseTrie", () => {
  const trie = new PhraseTrie<string>();
  trie.add("Most", "village-most", { capitalised: true });
  trie.add("most wanted", "phrase");
  trie.add("Kyiv", "kyiv");
  trie.add("Kyiv region", "kyiv-region", { capitalised: true });
  trie.add("UN", "un");
  const match = (text: string) => trie.matchAll(tokenize(text)).map((m) => [m.first, m.last, m.values]);

  it("matches a capitalised-only phrase only when its first word is capitalised", () => {
    expect(match("Most residents left")).toEqual([[0, 1, ["village-most"]]]);
    expect(match("most residents left")).toEqual([]);
    expect(match("most wanted")).toEqual([[0, 2, ["phrase"]]]);
    expect(match("Most wanted")).toEqual([[0, 2, ["phrase"]]]);
  });

  it("takes the longest phrase the first word's case allows", () => {
    expect(match("Kyiv region")).toEqual([[0, 2, ["kyiv-region"]]]);
    expect(match("kyiv region")).toEqual([[0, 1, ["kyiv"]]]);
  });

  it("matches acronyms only as written, and sees phrases added after a search", () => {
    expect(match("the UN said")).toEqual([[1, 2, ["un"]]]);
    expect(match("the un said")).toEqual([]);
    trie.add("said", "said");
    expect(match("the un said")).toEqual([[2, 3, ["said"]]]);
  });
});
