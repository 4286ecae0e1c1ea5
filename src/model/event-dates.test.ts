import { describe, expect, it } from "vitest";
import { eventDates } from "./event-dates.js";

const days = (text: string, created: string | null = "2008-03-17T10:10:00Z") =>
  eventDates(text, created).map((e) => (e.start === e.end ? e.start : `${e.start}..${e.end}`));

describe("event dates in cable text", () => {
  it("reads month-day and day-month, with and without a year", () => {
    expect(days("In a speech delivered on March 2 to the Congress")).toEqual(["2008-03-02"]);
    expect(days("Bengdara told the CDA March 12 that")).toEqual(["2008-03-12"]);
    expect(days("ON OCTOBER 29 THE MINISTER")).toEqual(["2007-10-29"]);
    expect(days("signed on 13 May 2005 in Cairo")).toEqual(["2005-05-13"]);
    expect(days("signed May 13, 2005, in Cairo")).toEqual(["2005-05-13"]);
    expect(days("on Sept. 4th the court")).toEqual(["2008-09-04"]);
    expect(days("on the 4th of April")).toEqual(["2008-04-04"]);
    expect(days("elections of Dec. 12, '05 and")).toEqual(["2005-12-12"]);
  });

  it("infers the year nearest the cable's date, across New Year", () => {
    expect(days("on December 28 the party met", "2005-01-10")).toEqual(["2004-12-28"]);
    expect(days("the vote is set for January 5", "2005-12-20")).toEqual(["2006-01-05"]);
    expect(days("due by September 1", "2008-03-17")).toEqual(["2008-09-01"]);
  });

  it("lets a written weekday choose the year", () => {
    // 13 May was a Tuesday in 2008 and a Sunday in 2007; nearest to 2007-11-30 would be 2008 anyway,
    // so take a case where the weekday overrides nearness: 2 January 2006 was a Monday.
    expect(days("on Monday, January 2 the office reopened", "2006-07-05")).toEqual(["2006-01-02"]);
    expect(days("on Monday, January 2 the office reopened", "2006-06-20")).toEqual(["2006-01-02"]);
    expect(days("on Friday (January 2) the office reopened", "2009-06-20")).toEqual(["2009-01-02"]);
  });

  it("reads ranges and lists of days", () => {
    expect(days("talks May 13-15 in Geneva")).toEqual(["2008-05-13..2008-05-15"]);
    expect(days("talks 13-15 May in Geneva")).toEqual(["2008-05-13..2008-05-15"]);
    expect(days("from May 30 to June 2")).toEqual(["2008-05-30..2008-06-02"]);
    expect(days("met May 13 and 14")).toEqual(["2008-05-13..2008-05-14"]);
    expect(days("from December 30 to January 2", "2008-01-10")).toEqual(["2007-12-30..2008-01-02"]);
  });

  it("leaves alone what is not an event date", () => {
    expect(days("O 171009Z MAR 08 FM AMEMBASSY TRIPOLI")).toEqual([]);
    expect(days("the March 14 coalition and the March 8 alliance")).toEqual([]);
    expect(days("the April 6 Youth Movement called a strike")).toEqual([]);
    expect(days("point 3 may be raised; they may 2 more")).toEqual([]);
    expect(days("in May 2005 and in 2006")).toEqual([]);
    expect(days("at 10:30 on the day; February 30 does not exist")).toEqual([]);
    expect(days("yesterday and last Tuesday")).toEqual([]);
    // Found in the hand-checked sample: a document code of 09STATE32931.
    expect(days("(AG/Apr08/CL/USA/15 and AG/Apr08/CL/GB/33)")).toEqual([]);
    expect(days("ref 13May and 4/May/05")).toEqual([]);
    // And two movements, 08CAIRO2572 and 08PARIS988.
    expect(days("On December 23, April 6 activist XXXXXXXXXXXX said", "2008-12-30")).toEqual([
      "2008-12-23",
    ]);
    expect(days('a "loss" or setback for March 14 and western interests')).toEqual([]);
    expect(days("the rally on March 14 drew thousands")).toEqual(["2008-03-14"]);
  });

  it("keeps only dates with a written year when the cable is undated", () => {
    expect(days("on May 13 and on 2 June 2005", null)).toEqual(["2005-06-02"]);
  });

  it("says whether the year was written and keeps the words", () => {
    const [a, b] = eventDates("on Tuesday, May 13 and on 2 June 2005", "2008-05-20");
    expect(a).toMatchObject({ text: "May 13", yearGiven: false });
    expect(b).toMatchObject({ text: "2 June 2005", yearGiven: true });
  });
});
