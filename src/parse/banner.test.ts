import { describe, expect, it } from "vitest";
import { parseBanner } from "./banner.js";
import { makeDoc } from "./doc.js";

const banner = (text: string) => parseBanner(makeDoc(text));

describe("parseBanner", () => {
  it("reads letter-spaced banners with section count, post and serial", () => {
    expect(
      banner("C O N F I D E N T I A L SECTION 01 OF 03 TRIPOLI 000220\n\nSIPDIS SIPDIS\n"),
    ).toEqual({
      classification: "CONFIDENTIAL",
      station: "TRIPOLI",
      serial: 220,
    });
    expect(banner("S e c r e t nairobi 001938\n")).toEqual({
      classification: "SECRET",
      station: "NAIROBI",
      serial: 1938,
    });
    expect(banner("C O N F I D E N T I A L  BRASILIA 000093")).toMatchObject({
      station: "BRASILIA",
      serial: 93,
    });
  });

  it("reads plain and old banners, posts with spaces and 1970s serials", () => {
    expect(banner("UNCLAS STATE 150591\n")).toEqual({
      classification: "UNCLASSIFIED",
      station: "STATE",
      serial: 150591,
    });
    expect(
      banner("UNCLASSIFIED BUENOS AIRES 2481 \n \nOriginal Telegram was Confidential"),
    ).toEqual({
      classification: "UNCLASSIFIED",
      station: "BUENOSAIRES",
      serial: 2481,
    });
    expect(banner("S E C R E T TEHRAN 8233 \n")).toMatchObject({ station: "TEHRAN", serial: 8233 });
  });

  it("adds the caveat the release derives from the captions", () => {
    expect(
      banner("S E C R E T SECTION 01 OF 02 KUWAIT 000110\n\nNOFORN\nSIPDIS\n").classification,
    ).toBe("SECRET//NOFORN");
    expect(
      banner("UNCLAS SECTION 01 OF 02 MEXICO 001311 \n \nSIPDIS \n \nSENSITIVE \n").classification,
    ).toBe("UNCLASSIFIED//FOR OFFICIAL USE ONLY");
  });

  it("finds the banner after debris and a marking alone on its line", () => {
    expect(
      banner(
        "ID:190812 Cable dated:2009-02-06T13:05:00C O N F I D E N T I A L SECTION 01 OF 02 LONDON 000333NOFORNSIPDIS",
      ),
    ).toEqual({
      classification: "CONFIDENTIAL//NOFORN",
      station: "LONDON",
      serial: 333,
    });
    expect(banner("CONFIDENTIAL\nSECTION 01 OF 02 ROME 001196\n")).toMatchObject({
      station: "ROME",
      serial: 1196,
    });
  });

  it("gives nulls without a banner and keeps the level when the post is unknown", () => {
    expect(banner("SIPDIS \n \nE.O. 12958: DECL: 12/22/2014 ")).toEqual({
      classification: null,
      station: null,
      serial: null,
    });
    expect(banner("C O N F I D E N T I A L XANADU 000012")).toEqual({
      classification: "CONFIDENTIAL",
      station: null,
      serial: null,
    });
  });
});
