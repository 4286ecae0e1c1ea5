/**
 * A small archive for the paragraph-naming tests, written with the store's own writeCable: the
 * real paragraphs of 10TOKYO171 (whaling; six paragraphs that share their words in different
 * measure), the hostile fixture paragraphs of 10TRIPOLI9001, 09SAOPAULO487 with the accented
 * line its text mirror ends with, and a cable without paragraphs.
 */
import { type Cable, emptyCable, type Paragraph } from "../../src/model/cable.js";
import { splitId } from "../../src/model/reference-id.js";
import { type Db, openArchive } from "../../src/store/db.js";
import { writeCable } from "../../src/store/write.js";

const para = (number: number, text: string): Paragraph => ({
  number,
  marking: null,
  heading: null,
  text,
});

export const TOKYO = [
  para(
    1,
    "Summary: EMIN urged MOFA State Secretary Fukuyama and Fisheries Agency Deputy Director General Yamashita to press Iceland to lower its proposed quota for whaling in order to facilitate an overall agreement on whaling. Both Fukuyama and Yamashita said the GOJ is reluctant to take such action. Fukuyama cited a lack of desire to raise the profile of whaling to the political level, while Yamashita said Japan could not use trade measures to stop the importation of whale meat from Finland. EMIN made the case that the parties are close to an agreement and Japan should advise Iceland to come to the table with a reasonable offer. Yamashita the Sea Shepherd's harassment of the Japanese whaling fleet could limit domestic support for a compromise. End summary.",
  ),
  para(
    2,
    "EMIN met MOFA State Secretary Tetsuro Fukuyama January 25 and Fisheries Agency of Japan Deputy Director General Jun Yamashita January 26 to press the case for Japan's help in reaching out to Iceland for cooperation in the current round of negotiations in the International Whaling Commission (IWC). In his meeting with Fukuyama, EMIN thanked Fukuyama for Japan's constructive engagement in the talks and asked for Japan's help to encourage Iceland to reduce its proposed quota for whaling in the North Atlantic. Fukuyama said he understands that Iceland has taken a tough stance in the negotiations, but implied that his options are limited.",
  ),
  para(
    3,
    "Fukuyama said the whaling issue has not been a political issue in Japan, a situation he would like to avoid. If the GOJ moves forward on the issue too quickly, he added, it will create a domestic political problem for the ruling Democratic Party of Japan. He sees the situation as a Catch 22: it may not be possible to resolve the whaling issue without taking it to a political level, but doing so could create an adverse reaction for the DPJ.",
  ),
  para(
    4,
    "EMIN replied that Iceland's proposed take of fin whales is predicated on exporting to Japan, and its catch quota is far in excess of what the Japanese market could absorb. If Japan and the U.S. work to encourage both sides in the whaling debate to take reasonable approaches there will be an opportunity for a breakthrough. Fukuyama said that while his sense is that it will be difficult for Japan to approach Iceland, he will examine Iceland's position and the market for imported whale meat.",
  ),
  para(
    5,
    "In his meeting with Fisheries Agency Deputy Director General Yamashita, EMIN again made the case for a GOJ intervention with Iceland. Yamashita argued that trade measures against Iceland are not appropriate since trade in whale meat between the two countries is not prohibited under either CITES or IWC rules. (Note: EMIN did not recommend Japan take any measures to restrict trade. End note) EMIN countered that the issue at hand is concluding an agreement. A message from Japan to Iceland that its proposed catch far exceeds what the Japanese market can absorb could bring them around. Yamashita said the U.S. and Japan need to come up with other measures beside trade to influence Iceland, but that he has no ideas at the moment. Yamashita was glad to hear of U.S. \"support\" for Japan's proposal to reduce its catch. EMIN said rather Japan's offer is something we can work with, and we would like to see the same out of Iceland.",
  ),
  para(
    6,
    "Turning to harassment of the Japanese whaling fleet by the Sea Shepherd Conservation Society (SSCS), Yamashita said the NGO's actions have kept the fleet from reaching its quota the last few years. Yamashita said the GOJ would come under pressure domestically if SSCS harassment continues to keep Japanese whalers from filling their quota after an agreement on reduced numbers is reached within the IWC. EMIN said the USG is concerned about the safety of life at sea and is looking at the activity of the SSCS.",
  ),
];

const HOSTILE = [
  para(
    1,
    'Summary: This fixture is written for the web UI\'s security tests. Its text carries markup that must render inert: <script>alert(1)</script> and <img src=x onerror=alert(1)> and a link written as <a href="javascript:alert(1)">click here</a> or [click](javascript:alert(1)). End summary.',
  ),
  para(
    2,
    'The cable also cites two real cables, so the reader can follow its REF list: the speech in ref A and the cabinet changes in ref B. "><svg onload=alert(1)> and </textarea><script>alert(2)</script> close nothing.',
  ),
  para(
    3,
    "Comment: <style>body{display:none}</style> must show as text, as must &lt;b&gt;entities&lt;/b&gt; and javascript:alert(3). End comment.",
  ),
];

const SAO_PAULO = [
  para(
    1,
    'Op-ed in business oriented Valor Econtmico (8-10) states: "....Brazil and U.S. keep old divergences, like the rustproof U.S. tariff against the Brazilian ethanol and differences on trade negotiations at the World Trade Organization. Now, the U.S.-Colombia military deal, criticized in Brasilia, adds to the list.',
  ),
  para(
    2,
    "Track impresión: asegovia @ Sat Dec 4 19:20:36 2010. Este documento es propiedad de EL PAÍS",
  ),
];

function cable(id: string, subject: string, head: string, paragraphs: Paragraph[]): Cable {
  const c: Cable = { ...emptyCable(), referenceId: id, subject, paragraphs };
  Object.assign(c, splitId(id));
  // The paragraphs go into the body unnumbered, as in cables that do not number them, so the
  // body holds text that runs across a paragraph boundary.
  c.body = [head, ...paragraphs.map((p) => p.text)].join("\n\n");
  return c;
}

export function snippetCables(): Cable[] {
  return [
    cable(
      "10TOKYO171",
      "WHALING: GOJ NONCOMMITAL ON ENCOURAGING ICELAND TO LOWER QUOTA",
      "SUBJECT: WHALING: GOJ NONCOMMITAL ON ENCOURAGING ICELAND TO LOWER QUOTA\n\nClassified By: EMIN Marc Wall, reasons 1.4 b and d",
      TOKYO,
    ),
    cable(
      "10TRIPOLI9001",
      "LIBYA: <script>alert(1)</script> TEST OF HOSTILE TEXT <img src=x onerror=alert(1)>",
      "SUBJECT: LIBYA: <script>alert(1)</script> TEST OF HOSTILE TEXT",
      HOSTILE,
    ),
    cable(
      "09SAOPAULO487",
      "MEDIA REACTION - WESTERN HEMISPHERE: U.S.-BRAZIL RELATION, SAO PAULO",
      "SUBJECT: MEDIA REACTION - WESTERN HEMISPHERE: U.S.-BRAZIL RELATION, SAO PAULO",
      SAO_PAULO,
    ),
    cable(
      "08PARIS137",
      "CUBAN MIGRANTS DEMARCHE DELIVERED",
      "UNCLAS PARIS 000137\n\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: PREF SMIG FR IC UK\nSUBJECT: CUBAN MIGRANTS DEMARCHE DELIVERED\n\nREF: 08 STATE 07089\n\nPolitical Minister Counselor Josiah Rosenblatt delivered\nreftel demarche to A/S-equivalent for the Americas Daniel\nParfait on January 24.  Parfait responded that France will\nconsider the proposal to resettle 10-20 protected migrants\nfrom Guantanamo.\n\nPEKALA",
      [],
    ),
  ];
}

export function snippetArchive(): Db {
  const db = openArchive(":memory:");
  db.transaction(() => {
    for (const c of snippetCables()) writeCable(db, c, { ingestedAt: "2026-01-01T00:00:00Z" });
  })();
  return db;
}
