import { canonicalStation } from "../reference/stations.js";
import { bodyCaptions } from "./captions.js";
import type { BodyDoc } from "./doc.js";
import { docBanner } from "./header/banner-line.js";

/**
 * The classification line opening the body (spec §4.1): `C O N F I D E N T I A L SECTION 01 OF 03
 * TRIPOLI 000220`, `UNCLAS STATE 150591`, `S e c r e t nairobi 001938`. Gives the classification in
 * the contract's words and the post and serial, from which the identity resolver builds the id of
 * a cable that comes without metadata.
 */

export interface Banner {
  /**
   * The level on the banner (`CONFIDENTIAL`, `UNCLASSIFIED`...) with the caveat the release adds
   * for the captions below it: `//NOFORN` for a NOFORN caption, `//FOR OFFICIAL USE ONLY` for an
   * unclassified cable captioned SENSITIVE. On the 6,700 corpus cables with metadata this reproduces
   * the WikiLeaks classification for 99 % of NOFORN and SBU cables.
   */
  classification: string | null;
  /** Canonical station of the post named on the banner, when recognisable. */
  station: string | null;
  serial: number | null;
}

function releaseClassification(
  level: string,
  caveat: string | null,
  captions: readonly string[],
): string {
  if (captions.includes("NOFORN") && level !== "UNCLASSIFIED") return `${level}//NOFORN`;
  const sbu = captions.includes("SENSITIVE") || /FOR OFFICIAL USE|FOUO|SBU/.test(caveat ?? "");
  if (level === "UNCLASSIFIED" && sbu) return "UNCLASSIFIED//FOR OFFICIAL USE ONLY";
  return level;
}

export function parseBanner(doc: BodyDoc): Banner {
  const found = docBanner(doc);
  if (!found) return { classification: null, station: null, serial: null };
  const station = found.post ? canonicalStation(found.post) : null;
  return {
    classification: releaseClassification(found.level, found.caveat, bodyCaptions(doc)),
    station,
    serial: station ? found.serial : null,
  };
}
