import { describe, expect, it } from "vitest";
import type { RawRecord } from "../formats/record.js";
import { textHash } from "./text-hash.js";

const BODY =
  "C O N F I D E N T I A L ANKARA 004231\n\nSIPDIS\n\nE.O. 12958: DECL: 07/03/2013\nTAGS: PREL PGOV TU IZ\n";

function record(header: string | null, body: string, created = "2003-07-05 11:11"): RawRecord {
  return {
    kind: "record",
    source: { format: "mirror", file: "03ANKARA4231.txt", offset: 0, line: 1 },
    metadata: {
      referenceId: "03ANKARA4231",
      created,
      classification: "SECRET",
      origin: "Embassy Ankara",
    },
    header,
    body,
    warnings: [],
  };
}

describe("textHash", () => {
  it("ignores where the header/body split falls and the container's release date", () => {
    const h = textHash(record(null, `VZCZCXRO0001\nOO RUEHAK\n${BODY}`));
    expect(textHash(record("VZCZCXRO0001\nOO RUEHAK\n", BODY))).toBe(h);
    const page = record("VZCZCXRO0001\nOO RUEHAK\n", BODY);
    page.metadata.released = "2011-04-11 12:00";
    expect(textHash(page)).toBe(h);
  });
  it("changes with the words and with the metadata", () => {
    const h = textHash(record(null, BODY));
    expect(textHash(record(null, BODY.replace("PREL", "PTER")))).not.toBe(h);
    expect(textHash(record(null, BODY, "2003-07-05 11:48"))).not.toBe(h);
  });
});
