/**
 * The read-only role of docs/server-mode.md ("Roles"), made by running the SQL block the docs
 * give, so tests of public servers and of the read commands read through exactly what the docs
 * tell operators to make.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import postgres from "postgres";
import type { PgCluster } from "./pg-cluster.js";

const ROOT = new URL("../../", import.meta.url).pathname;

/** The ```sql block of the docs' "### Roles" section, for `database` owned by `owner`. */
export function rolesSql(database: string, owner: string, password: string): string {
  const docs = readFileSync(join(ROOT, "docs/server-mode.md"), "utf8");
  const section = docs.slice(docs.indexOf("### Roles"));
  const block = /```sql\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error("docs/server-mode.md has no ```sql block under ### Roles");
  return block
    .replace(/'…'/g, `'${password}'`)
    .replace(/\bDATABASE cables\b/g, `DATABASE ${database}`)
    .replace(/\bFOR ROLE cablegram\b/g, `FOR ROLE ${owner}`);
}

/** Makes the reader role on `database` (once per cluster) and returns its URL. */
export async function readerUrl(
  cluster: PgCluster,
  database: string,
  password = "reader-pw-7q2z",
): Promise<string> {
  const owner = postgres(cluster.url(database), { max: 1, onnotice: () => {} });
  try {
    await owner.unsafe(rolesSql(database, cluster.user, password));
  } finally {
    await owner.end();
  }
  return `postgres://reader:${encodeURIComponent(password)}@127.0.0.1:${cluster.port}/${database}`;
}
