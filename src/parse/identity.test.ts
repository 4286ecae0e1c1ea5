import { describe, expect, it } from "vitest";
import type { Banner } from "./banner.js";
import { normalizeClassification } from "./classification-label.js";
import { cleanSubject, type IdentityInput, resolveIdentity } from "./identity.js";
import { parseMetadataDate, resolveCreated } from "./metadata-dates.js";

const NO_BANNER: Banner = { classification: null, station: null, serial: null };

function input(over: Partial<IdentityInput>): IdentityInput {
  return {
    metadata: {},
    context: {},
    banner: NO_BANNER,
    dtg: null,
    declassification: null,
    origin: null,
    ...over,
  };
}

describe("reference id", () => {
  it("takes the metadata id, canonicalised", () => {
    const id = resolveIdentity(input({ metadata: { referenceId: "05ALMATY002121" } }));
    expect(id.referenceId).toBe("05ALMATY2121");
    expect(id.warnings).toEqual([]);
  });

  it("takes the batch context id when the source has none", () => {
    const id = resolveIdentity(input({ context: { referenceId: "07TBILISI1732" } }));
    expect(id.referenceId).toBe("07TBILISI1732");
  });

  it("builds the id from the banner with the DTG's year", () => {
    const id = resolveIdentity(
      input({
        banner: { classification: "CONFIDENTIAL", station: "NEWDELHI", serial: 5135 },
        dtg: "2006-07-21T07:22:00Z",
      }),
    );
    expect(id.referenceId).toBe("06NEWDELHI5135");
    expect(id.created).toBe("2006-07-21T07:22:00Z");
    expect(id.warnings).toEqual([
      "reference id 06NEWDELHI5135 built from the banner's post and serial, year from the DTG",
    ]);
  });

  it("infers the year from the DECL date when nothing else gives it, and says so", () => {
    const id = resolveIdentity(
      input({
        banner: { classification: "CONFIDENTIAL", station: "ALMATY", serial: 2121 },
        declassification: { authority: "E.O. 12958", date: "2015-06-06", text: "DECL: 06/06/2015" },
      }),
    );
    expect(id.referenceId).toBe("05ALMATY2121");
    expect(id.created).toBeNull();
    expect(id.warnings).toEqual([
      "reference id 05ALMATY2121: year 2005 inferred from the declassification date 2015-06-06 (DECL is usually 10 years after creation)",
    ]);
  });

  it("prefers the context year to a DECL inference", () => {
    const id = resolveIdentity(
      input({
        context: { year: 2007 },
        banner: { classification: null, station: "TBILISI", serial: 1732 },
        declassification: { authority: null, date: "2030-01-01", text: "" },
      }),
    );
    expect(id.referenceId).toBe("07TBILISI1732");
  });

  it("gives no id when the DECL date would put the cable in the future", () => {
    const id = resolveIdentity(
      input({
        banner: { classification: null, station: "ALMATY", serial: 2121 },
        declassification: { authority: null, date: "2099-01-01", text: "" },
      }),
    );
    expect(id.referenceId).toBeNull();
    expect(id.warnings[0]).toMatch(/no year for the reference id/);
  });

  it("falls back on the banner when the metadata id is not a cable id", () => {
    const id = resolveIdentity(
      input({
        metadata: { referenceId: "hello world", created: "2005-06-06 14:16" },
        banner: { classification: null, station: "ALMATY", serial: 2121 },
      }),
    );
    expect(id.referenceId).toBe("05ALMATY2121");
    expect(id.warnings[0]).toBe('metadata reference id "hello world" is not a cable id; ignored');
  });

  it("flags a banner serial that contradicts the id", () => {
    const id = resolveIdentity(
      input({
        metadata: { referenceId: "07BERN881" },
        banner: { classification: "SECRET", station: "BERN", serial: 882 },
      }),
    );
    expect(id.warnings).toEqual([
      "the banner's serial BERN 882 differs from the reference id 07BERN881",
    ]);
  });
});

describe("created and released", () => {
  it("reads both metadata date styles as ISO UTC", () => {
    expect(resolveCreated("2005-06-06 14:16", null, [])).toBe("2005-06-06T14:16:00Z");
    expect(resolveCreated("6/6/2005 14:16", null, [])).toBe("2005-06-06T14:16:00Z");
    expect(resolveCreated("12/28/1966 18:48", null, [])).toBe("1966-12-28T18:48:00Z");
    expect(resolveCreated("2007-09-11 09:44:00", null, [])).toBe("2007-09-11T09:44:00Z");
  });

  it("uses the DTG when there is no metadata", () => {
    expect(resolveCreated(undefined, "2009-05-05T22:34:00Z", [])).toBe("2009-05-05T22:34:00Z");
  });

  it("repairs the 2011 site's 12-hour-clock minute from the DTG, with a warning", () => {
    const warnings: string[] = [];
    expect(resolveCreated("2010-01-04 18:06", "2010-01-04T18:20:00Z", warnings)).toBe(
      "2010-01-04T18:20:00Z",
    );
    expect(warnings).toEqual([
      "created time 18:06 corrected to the DTG's 18:20 (the 2011 WikiLeaks site printed the hour in place of the minute)",
    ]);
  });

  it("keeps the metadata time when the DTG is another hour or day", () => {
    const warnings: string[] = [];
    expect(resolveCreated("2009-12-15 09:09", "2009-12-15T10:50:00Z", warnings)).toBe(
      "2009-12-15T09:09:00Z",
    );
    expect(resolveCreated("2008-03-06 14:02", "2008-05-12T12:41:00Z", warnings)).toBe(
      "2008-03-06T14:02:00Z",
    );
    expect(warnings).toEqual([]);
  });

  it("rejects impossible dates and says so", () => {
    const warnings: string[] = [];
    expect(resolveCreated("2005-02-30 10:00", "2005-02-28T10:00:00Z", warnings)).toBe(
      "2005-02-28T10:00:00Z",
    );
    expect(warnings[0]).toMatch(/is not a date/);
    expect(parseMetadataDate("13/1/2005 10:00")).toBeNull();
    expect(parseMetadataDate("2005-01-01 24:00")).toBeNull();
  });

  it("takes the released date from metadata only (never as the creation date)", () => {
    const id = resolveIdentity(
      input({ metadata: { released: "2011-01-31 21:09", referenceId: "08TRIPOLI220" } }),
    );
    expect(id.released).toBe("2011-01-31T21:09:00Z");
    expect(id.created).toBeNull();
  });
});

describe("origin, classification, fallback subject", () => {
  it("keeps the source's origin label, else derives one from the station", () => {
    expect(resolveIdentity(input({ origin: "Embassy Paris" })).origin).toBe("Embassy Paris");
    const derived = resolveIdentity(
      input({ metadata: { referenceId: "08TRIPOLI220" }, from: "AMEMBASSY TRIPOLI" }),
    );
    expect(derived.origin).toBe("Embassy Tripoli");
    expect(resolveIdentity(input({})).origin).toBeNull();
  });

  it("normalises metadata classifications, else takes the banner's", () => {
    expect(normalizeClassification("SECRET//NOFORN")).toBe("SECRET//NOFORN");
    expect(normalizeClassification("UNCLASSIFIED//FOR OFFICIAL USE ONLY")).toBe(
      "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    );
    expect(normalizeClassification(" confidential / noforn ")).toBe("CONFIDENTIAL//NOFORN");
    expect(normalizeClassification("U//FOUO")).toBe("UNCLASSIFIED//FOR OFFICIAL USE ONLY");
    expect(normalizeClassification("C O N F I D E N T I A L")).toBe("CONFIDENTIAL");
    expect(normalizeClassification("Top Secret")).toBe("TOP SECRET");
    expect(normalizeClassification("SECRETARY")).toBeNull();
    const banner = { classification: "CONFIDENTIAL", station: null, serial: null };
    expect(resolveIdentity(input({ banner })).classification).toBe("CONFIDENTIAL");
    const odd = resolveIdentity(input({ banner, metadata: { classification: "RESTRICTED" } }));
    expect(odd.classification).toBe("CONFIDENTIAL");
    expect(odd.warnings).toEqual(['metadata classification "RESTRICTED" not recognised; ignored']);
  });

  it("cleans the source's title into a fallback subject", () => {
    expect(cleanSubject('FM CALMY-REY "TAKES NOTE" OF USG CONCERNS \\')).toBe(
      'FM CALMY-REY "TAKES NOTE" OF USG CONCERNS',
    );
    expect(cleanSubject("(C) TURKEY:  ELECTIONS REF: ANKARA 123")).toBe("TURKEY: ELECTIONS");
    expect(cleanSubject("BRAZIL<br>NUCLEAR")).toBe("BRAZIL NUCLEAR");
    expect(cleanSubject("   ")).toBeNull();
    expect(cleanSubject(undefined)).toBeNull();
  });
});
