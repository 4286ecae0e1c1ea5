/**
 * Layer rules: data flows one way (docs/architecture.md). Each folder of src/ may import only the
 * folders below it; `npm test` runs this check, so a wrong import fails CI.
 */
const layers = [
  ["reference", []],
  ["model", ["reference"]],
  ["formats", ["model", "reference"]],
  ["normalize", ["formats", "model", "reference"]],
  ["parse", ["normalize", "formats", "model", "reference"]],
  ["store", ["model", "reference"]],
  ["ingest", ["parse", "normalize", "formats", "store", "model", "reference"]],
  ["search", ["store", "model", "reference"]],
  ["graph", ["search", "store", "model", "reference"]],
  ["analytics", ["graph", "search", "store", "model", "reference"]],
  ["export", ["analytics", "graph", "search", "store", "model", "reference"]],
  ["archive", ["export", "analytics", "graph", "search", "ingest", "store", "model", "reference"]],
  [
    "server",
    [
      "archive",
      "export",
      "analytics",
      "graph",
      "search",
      "ingest",
      "store",
      "parse",
      "normalize",
      "formats",
      "model",
      "reference",
    ],
  ],
  [
    "cli",
    [
      "server",
      "archive",
      "export",
      "analytics",
      "graph",
      "search",
      "ingest",
      "store",
      "parse",
      "normalize",
      "formats",
      "model",
      "reference",
    ],
  ],
];
const all = layers.map(([name]) => name);

module.exports = {
  forbidden: [
    ...layers.map(([name, allowed]) => ({
      name: `layer-${name}`,
      comment: `src/${name} may import only: ${allowed.join(", ") || "nothing in src"}`,
      severity: "error",
      from: { path: `^src/${name}/` },
      to: { path: `^src/(${all.filter((n) => n !== name && !allowed.includes(n)).join("|")})/` },
    })),
    {
      name: "no-unknown-folder",
      comment: "every src/ folder has a place in the layer list above",
      severity: "error",
      from: { path: "^src/" },
      to: { path: `^src/(?!(${all.join("|")})/)` },
    },
    {
      name: "no-circular",
      comment: "modules must not import each other in a loop",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "src-not-from-scripts",
      comment: "the product never depends on scripts/",
      severity: "error",
      from: { path: "^src/", pathNot: "\\.test\\.tsx?$" },
      to: { path: "^(scripts|test)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
