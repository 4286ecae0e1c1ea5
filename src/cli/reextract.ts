import { archiveTarget } from "../archive/archive.js";
import { defaultWorkers } from "../ingest/index.js";
import { REEXTRACT_BATCH, reextract } from "../ingest/reextract.js";
import { EXTRACTOR_VERSION } from "../model/extractor.js";
import { extractorState } from "../store/extractor-state.js";
import { ArchiveBusyError, claimRun, endRun } from "../store/ingest-runs.js";
import { defineCommand } from "./command.js";
import { withExistingArchive } from "./existing-archive.js";
import { errorMessage } from "./io.js";
import { dbOption } from "./options.js";
import { formatDuration } from "./progress.js";

const n = (x: number) => x.toLocaleString("en-US");

export const reextractCommand = defineCommand({
  name: "reextract",
  summary:
    "extract the people, organisations and places of every stored cable again with this build's extractor, then resolve",
  options: {
    db: dbOption,
    workers: {
      type: "integer",
      arg: "N",
      min: 0,
      default: defaultWorkers(),
      help: "extraction threads (0 extracts in the main thread)",
    },
    batch: {
      type: "integer",
      arg: "N",
      min: 1,
      max: 100000,
      default: REEXTRACT_BATCH,
      help: "cables per transaction",
    },
    force: {
      type: "boolean",
      help: "run even when the archive records this build's extractor version",
    },
  },
  notes: [
    "Each cable's current version is read from the archive (its stored text and fields): only the extractor runs again. Each batch commits with the run's progress: a run stopped anywhere resumes where it stopped when started again.",
    "Then one full entity resolution and the entity summaries; the archive records the extractor version (`cablegram stats` shows it). Progress on stderr, the report (JSON) on stdout.",
  ],
  async run(values) {
    const path = archiveTarget(values.db);
    return withExistingArchive("reextract", path, async (db) => {
      const state = extractorState(db);
      if (!values.force && !state.reextracting && state.recorded === EXTRACTOR_VERSION) {
        process.stderr.write(
          `cablegram reextract: ${path} was extracted by this extractor (version ${EXTRACTOR_VERSION}): nothing to do (--force runs it anyway)\n`,
        );
        return 0;
      }
      let run: number;
      try {
        run = claimRun(db, path, new Date().toISOString(), ["cablegram reextract"]);
      } catch (err) {
        if (err instanceof ArchiveBusyError) {
          process.stderr.write(`cablegram reextract: ${err.message}\n`);
          return 1;
        }
        throw err;
      }
      const from = state.recorded === null ? "unrecorded" : `version ${state.recorded}`;
      process.stderr.write(
        `re-extracting ${path} (${from} → ${EXTRACTOR_VERSION}${state.reextracting ? ", resuming" : ""}) with ${values.workers} worker(s)\n`,
      );
      let last = 0;
      try {
        const report = await reextract(db, {
          workers: values.workers,
          batchSize: values.batch,
          onProgress: (p) => {
            if (p.elapsedMs - last < 2000 && p.cables < p.total) return;
            last = p.elapsedMs;
            const rate = Math.round(p.cables / (p.elapsedMs / 1000));
            process.stderr.write(
              `  ${n(p.cables)}/${n(p.total)} cables  ${n(rate)}/s  ${formatDuration(p.elapsedMs)}\n`,
            );
          },
        });
        process.stderr.write(
          `re-extracted ${n(report.cables)} cables (mentions ${n(report.mentionsBefore)} → ${n(report.mentionsAfter)}), resolved and summarised in ${report.seconds.toFixed(1)} s\n`,
        );
        endRun(db, run, "finished", { finishedAt: new Date().toISOString() });
        process.stdout.write(`${JSON.stringify(report)}\n`);
        return 0;
      } catch (err) {
        endRun(db, run, "failed", { finishedAt: null }, errorMessage(err));
        process.stderr.write(
          `cablegram reextract: ${errorMessage(err)} (what was committed stays: run it again to resume)\n`,
        );
        return 1;
      }
    });
  },
});
