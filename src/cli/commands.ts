/**
 * Every subcommand, in the order `cablegram --help` and the README list them. Adding a command is
 * one `defineCommand` module and one line here; its help and the README row follow from it.
 */
import { addresseesCommand } from "./addressees.js";
import { burstsCommand } from "./bursts.js";
import { checkCommand } from "./check.js";
import type { Command } from "./command.js";
import { coverageCommand } from "./coverage.js";
import { entitiesCommand } from "./entities.js";
import { exportCommand } from "./export.js";
import { idCommand } from "./id.js";
import { ingestCommand } from "./ingest.js";
import { migrateCommand } from "./migrate.js";
import { parseCommand } from "./parse.js";
import { reextractCommand } from "./reextract.js";
import { searchCommand } from "./search.js";
import { secrecyCommand } from "./secrecy.js";
import { serveCommand } from "./serve.js";
import { showCommand } from "./show.js";
import { statsCommand } from "./stats.js";
import { threadCommand } from "./thread.js";
import { timelineCommand } from "./timeline.js";

export const COMMANDS: readonly Command[] = [
  parseCommand,
  idCommand,
  ingestCommand,
  statsCommand,
  checkCommand,
  searchCommand,
  showCommand,
  exportCommand,
  migrateCommand,
  entitiesCommand,
  reextractCommand,
  timelineCommand,
  burstsCommand,
  secrecyCommand,
  addresseesCommand,
  threadCommand,
  coverageCommand,
  serveCommand,
];
