/**
 * A throwaway PostgreSQL cluster for tests: `initdb` in a temporary folder, a free loopback port,
 * password authentication over TCP (so the tests see the credentials they must never leak), and
 * everything removed afterwards — also when the test process dies, through an exit hook.
 *
 * initdb and postgres refuse to run as root: as root they run as the unprivileged `postgres` user
 * Debian's package creates (the folder is chowned to it); as anyone else they run directly.
 *
 * Where PostgreSQL is not installed, `findPostgres()` returns null and the tests skip with a
 * message; with CI=true that is a failure instead, because CI installs it (.ci/run).
 *
 * The benchmarks (scripts/bench.ts, scripts/pg-cluster.ts) start the same clusters with their own
 * settings (`ClusterOptions`): durable, tuned for a bulk load, and optionally kept on disk so that
 * a later run (`npm run load`) can start the built archive again with `resumeCluster`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";

const ROOT = "/usr/lib/postgresql";

/** The bin folder of the newest installed PostgreSQL, or null. */
export function findPostgres(): string | null {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, "initdb")))
    return process.env.PG_BIN;
  if (!existsSync(ROOT)) return null;
  const versions = readdirSync(ROOT)
    .filter((v) => existsSync(join(ROOT, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(ROOT, versions[0]!, "bin") : null;
}

/**
 * Whether a test file that needs PostgreSQL runs. In CI a missing PostgreSQL is an error (thrown
 * here, at collection); elsewhere the file is skipped and says why.
 */
export function postgresAvailable(what: string, find: () => string | null = findPostgres): boolean {
  if (find()) return true;
  if (process.env.CI === "true") {
    throw new Error(
      `${what} needs PostgreSQL, which CI installs (.ci/run): no initdb under ${ROOT}/*/bin`,
    );
  }
  process.stderr.write(`skipping ${what}: PostgreSQL is not installed (no ${ROOT}/*/bin/initdb)\n`);
  return false;
}

export interface PgCluster {
  port: number;
  user: string;
  password: string;
  /** postgres://user:password@127.0.0.1:port/name — creating the database first. */
  createDatabase(name: string): Promise<string>;
  /** The URL of a database with another password: for tests of refused logins. */
  url(name: string, password?: string): string;
  /** A streaming replica of this cluster (`pg_basebackup -R`), on another loopback port. */
  startReplica(): Promise<PgCluster>;
  stop(): void;
  dataDir: string;
  dir: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}

const running = new Set<() => void>();
process.once("exit", () => {
  for (const stop of running) stop();
});

/** Runs a PostgreSQL program, as the `postgres` user when we are root. */
function runner(bin: string) {
  const asRoot = process.getuid?.() === 0;
  return (cmd: string, args: string[], env: Record<string, string> = {}) => {
    const [file, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", join(bin, cmd), ...args]]
      : [join(bin, cmd), args];
    const r = spawnSync(file, argv, { encoding: "utf8", env: { ...process.env, ...env } });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
}

function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

/** A private folder the server's user owns (`at`: that folder, made if absent; else a new temp one). */
function serverDir(prefix: string, at?: string): string {
  let dir: string;
  if (at) {
    mkdirSync(at, { recursive: true });
    dir = at;
  } else dir = mkdtempSync(join(tmpdir(), prefix));
  if (process.getuid?.() === 0) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  return dir;
}

export interface ClusterOptions {
  /**
   * Server settings (`-c name=value`). Without `fsync` in them the cluster runs without fsync,
   * synchronous commits and full page writes: a test cluster need not survive a power cut.
   */
  settings?: Record<string, string | number>;
  /** The folder to make the cluster in (else a new temporary one). */
  dir?: string;
  /** Leave the folder (data, log, credentials) when stopped, for `resumeCluster`. */
  keep?: boolean;
}

const UNSAFE = { fsync: "off", synchronous_commit: "off", full_page_writes: "off" };

/** Starts the server on `data`, on a free loopback port; returns the port and how to stop it. */
async function launch(bin: string, dir: string, data: string, opts: ClusterOptions = {}) {
  const run = runner(bin);
  const port = await freePort();
  const settings =
    opts.settings && "fsync" in opts.settings ? opts.settings : { ...UNSAFE, ...opts.settings };
  const args = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`),
  ].join(" ");
  run("pg_ctl", ["-D", data, "-o", args, "-l", join(dir, "log"), "-w", "-t", "600", "start"]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    running.delete(stop);
    try {
      // A kept cluster shuts down cleanly (a checkpoint), so that it starts again without recovery.
      run("pg_ctl", [
        "-D",
        data,
        "-m",
        opts.keep ? "fast" : "immediate",
        "-w",
        "-t",
        "600",
        "stop",
      ]);
    } catch {
      // Already gone: the folder goes anyway.
    }
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  };
  running.add(stop);
  return { port, stop };
}

function cluster(
  bin: string,
  dir: string,
  data: string,
  port: number,
  user: string,
  password: string,
  stop: () => void,
): PgCluster {
  const url = (name: string, pw = password) =>
    `postgres://${user}:${encodeURIComponent(pw)}@127.0.0.1:${port}/${name}`;
  return {
    port,
    user,
    password,
    url,
    async createDatabase(name) {
      const sql = postgres(url("postgres"), { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`CREATE DATABASE ${name}`);
      } finally {
        await sql.end();
      }
      return url(name);
    },
    async startReplica() {
      // `pg_basebackup -R` copies the primary and writes standby.signal and primary_conninfo, so
      // the copy starts as a streaming replica of it.
      const rdir = serverDir("cablegram-pg-replica-");
      const rdata = join(rdir, "data");
      runner(bin)(
        "pg_basebackup",
        [
          "-h",
          "127.0.0.1",
          "-p",
          String(port),
          "-U",
          user,
          "-D",
          rdata,
          "-R",
          "-X",
          "stream",
          "-c",
          "fast",
        ],
        { PGPASSWORD: password },
      );
      const replica = await launch(bin, rdir, rdata);
      return cluster(bin, rdir, rdata, replica.port, user, password, replica.stop);
    },
    stop,
    dataDir: data,
    dir,
  };
}

function binOrThrow(): string {
  const bin = findPostgres();
  if (!bin) throw new Error(`PostgreSQL is not installed (no ${ROOT}/*/bin/initdb)`);
  return bin;
}

/** Where a kept cluster's role and password are (readable by its owner only). */
const CREDENTIALS = "credentials.json";

export async function startCluster(opts: ClusterOptions = {}): Promise<PgCluster> {
  const bin = binOrThrow();
  const dir = serverDir("cablegram-pg-", opts.dir);
  const run = runner(bin);
  const user = "cablegram_test";
  const password = `pw-${Math.random().toString(36).slice(2)}-secret`;
  const pwfile = join(dir, "pw");
  writeFileSync(pwfile, password);
  if (process.getuid?.() === 0) chownSync(pwfile, postgresIds().uid, -1);
  const data = join(dir, "data");
  run("initdb", [
    "-D",
    data,
    "-U",
    user,
    `--pwfile=${pwfile}`,
    "--auth-local=trust",
    "--auth-host=scram-sha-256",
    "--encoding=UTF8",
    "--locale=C.UTF-8",
    "--no-sync",
  ]);
  rmSync(pwfile);
  if (opts.keep)
    writeFileSync(join(dir, CREDENTIALS), JSON.stringify({ user, password }), { mode: 0o600 });
  const { port, stop } = await launch(bin, dir, data, opts);
  return cluster(bin, dir, data, port, user, password, stop);
}

/** Starts again a cluster made with `keep` (its folder as `dir`), on a new free port; kept again. */
export async function resumeCluster(
  dir: string,
  opts: Omit<ClusterOptions, "dir" | "keep"> = {},
): Promise<PgCluster> {
  const bin = binOrThrow();
  const file = join(dir, CREDENTIALS);
  if (!existsSync(file)) throw new Error(`${dir} holds no kept cluster (no ${CREDENTIALS})`);
  const { user, password } = JSON.parse(readFileSync(file, "utf8")) as {
    user: string;
    password: string;
  };
  const data = join(dir, "data");
  const { port, stop } = await launch(bin, dir, data, { ...opts, keep: true });
  return cluster(bin, dir, data, port, user, password, stop);
}
