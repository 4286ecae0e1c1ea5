import { describe, expect, it } from "vitest";
import { countMatrix, countTable, listedFirst, matrixSum, matrixTable, OTHER } from "./table.js";

describe("countMatrix", () => {
  it("folds values past the limits into (other) and keeps the sum", () => {
    const pairs: [string, string][] = [];
    for (let i = 0; i < 200; i++) pairs.push([`r${i % 13}`, `c${(i * 7) % 29}`]);
    const m = countMatrix(pairs, {
      name: "m",
      title: "m",
      rowLabel: "r",
      colLabel: "c",
      rowLimit: 5,
      colLimit: 4,
    });
    expect(m.rows).toHaveLength(6);
    expect(m.cols).toHaveLength(5);
    expect(m.rows.at(-1)).toBe(OTHER);
    expect(matrixSum(m)).toBe(200);
    expect(m.total).toBe(200);
    const t = matrixTable(m);
    expect(t.rows.reduce((s, r) => s + (r.at(-1) as number), 0)).toBe(200);
  });

  it("orders rows and columns as asked", () => {
    const m = countMatrix(
      [
        ["SECRET", "2008"],
        ["CONFIDENTIAL", "2006"],
        ["CONFIDENTIAL", "2008"],
      ],
      {
        name: "m",
        title: "m",
        rowLabel: "level",
        colLabel: "year",
        rowOrder: listedFirst(["SECRET", "CONFIDENTIAL"]),
        colOrder: (a, b) => a.localeCompare(b),
      },
    );
    expect(m.rows).toEqual(["SECRET", "CONFIDENTIAL"]);
    expect(m.cols).toEqual(["2006", "2008"]);
    expect(m.cells).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });

  it("counts single values", () => {
    expect(countTable("t", "t", "v", ["a", "b", "a"]).rows).toEqual([
      ["a", 2],
      ["b", 1],
    ]);
  });
});
