import type { ChatInputCommandInteraction, Guild, ModalSubmitInteraction } from "discord.js";
import type { Clock } from "./clock.js";
import type { EditTargets } from "./interactions/edit-targets.js";
import type { JobOrigin } from "./jobs/start-job.js";
import type { CommandInput } from "./requests/kling-request.js";
import type { QuotaService } from "./quota/quota-service.js";
import type { SavedElements } from "./elements/saved-elements.js";
import type { ShowcaseBoard } from "./showcase/board.js";

/** What command handlers may call: the rest of the bot, injected. */
export interface BotContext {
  /** a slash command's or a form's request: every check and quota, then the job (src/jobs/start-job.ts) */
  startJob(
    interaction: ChatInputCommandInteraction | ModalSubmitInteraction,
    input: CommandInput,
    origin?: JobOrigin,
  ): Promise<void>;
  /** server owners' settings, the quota ledger and usage (/kling-config, /kling-usage) */
  quota: QuotaService;
  /** the videos "Edit with Kling" forms were opened on */
  editTargets: EditTargets;
  clock: Pick<Clock, "now">;
  /** the character library (/kling-element and the generation commands' `elements` option) */
  elements: SavedElements;
  /** whether before/after clips are made (ffmpeg was found on PATH at start-up) */
  comparisons: boolean;
  /** the showcase's ranking (/kling-showcase top) */
  showcase: Pick<ShowcaseBoard, "top">;
  /** /kling-config check: what this server's set-up lacks, rendered for its owner in their locale */
  setupCheck(guild: Guild, locale: string): Promise<string>;
  /** FAL_DRY_RUN: nothing is sent to fal or charged (/kling-config show says so) */
  dryRun?: boolean;
}
