import type { Clock } from "../clock.js";
import type { GuildSettingsStore } from "../guild/settings-store.js";
import type { GuildSettings } from "../guild/settings.js";
import { isTerminal, type Job, type PriceSource } from "../job.js";
import type { Logger } from "../logger.js";
import { VIDEO_LIMITS } from "../media/limits.js";
import { checkAccess, describeDenial, limitsOf, type AccessRequest, type QuotaRefusal } from "./access.js";
import { settlementFor } from "./billing.js";
import type { QuotaLedger, Reservation, ReservationRef } from "./ledger.js";
import { secToMs } from "../money.js";
import { TIERS, qualityOf, type Quality } from "../models/model.js";
import { MODELS, modelOf, type AnyModel, type CommandKind } from "../models/models.js";
import { jobLogger } from "../jobs/job-log.js";
import type { BotMetrics } from "../ops/metrics.js";
import { message, violationMessage, type Text } from "../i18n/index.js";

/**
 * How long a reservation may stay open without a job record, or with a job still being inspected (state
 * inspecting: nothing confirmed since it was reserved), counted from when it was taken or last confirmed, before
 * reconciliation (start-up and the sweep) releases it. A job whose inspection outlasts it finds out when it confirms
 * (`confirm`) and takes the reservation again, or is refused.
 */
export const ORPHAN_RESERVATION_MS = 15 * 60_000;

/** Who a reservation belongs to: enough to take it again if it was released. */
export interface ReservationHolder {
  /** the reservation id (the job id) */
  id: string;
  guildId: string;
  userId: string;
  userName: string;
  kind: string;
  /** the job's quality tier, whose price a reservation taken again uses (absent: standard) */
  quality?: Quality;
}

/** The holder of a job's reservation; undefined for a job without one. */
export function holderOf(job: Job): ReservationHolder | undefined {
  if (!job.reservationId || !job.guildId) return undefined;
  return {
    id: job.reservationId,
    guildId: job.guildId,
    userId: job.requester.id,
    userName: job.requester.name,
    kind: job.kind,
    quality: qualityOf(job),
  };
}

export type Confirmation =
  | { ok: true; reservation: Reservation; renewed: boolean; priceSource: PriceSource }
  | { ok: false; refusal: QuotaRefusal };

/** fal's live prices (src/fal/pricing.ts): an endpoint's per-second price, when fal published one. */
export interface LivePrices {
  perSecondMicros(endpoint: string): number | undefined;
}

/** Output seconds known before any download: what to reserve, and the least the job could be billed. */
export interface OutputEstimate {
  ms: number;
  /** the shortest the output can turn out to be (an edit's clip is checked later) */
  minimumMs: number;
}

/**
 * What to reserve before the inputs are read. A reference clip with a chosen duration has that length. Otherwise the
 * output is as long as the input clip, unknown until inspected: Discord's claimed duration when there is one, else
 * the longest clip fal accepts. Corrected with `adjust` once the clip has been inspected, before anything is submitted.
 */
export function estimateOutput(request: {
  kind: CommandKind;
  durationSec?: number | undefined;
  claimedVideoSec?: number | null | undefined;
}): OutputEstimate {
  const minimumMs = secToMs(VIDEO_LIMITS.minDurationSec);
  const maximumMs = secToMs(VIDEO_LIMITS.maxDurationSec);
  const chosenSec = modelOf(request).chosenOutputSec(request);
  if (chosenSec !== undefined) {
    const ms = secToMs(chosenSec);
    return { ms, minimumMs: ms };
  }
  const claimed = request.claimedVideoSec;
  if (typeof claimed === "number" && Number.isFinite(claimed) && claimed > 0) {
    return { ms: Math.min(maximumMs, Math.max(minimumMs, Math.ceil(claimed * 10) * 100)), minimumMs };
  }
  return { ms: maximumMs, minimumMs };
}

export interface AdmissionRequest extends AccessRequest {
  jobId: string;
  guildId: string;
  userId: string;
  userName: string;
  kind: string;
  /** priced at its tier's rate */
  quality: Quality;
  estimate: OutputEstimate;
}

export type Admission =
  | {
      ok: true;
      reservation: Reservation;
      settings: GuildSettings;
      estimatedCostMicros: number;
      priceSource: PriceSource;
    }
  | { ok: false; refusal: QuotaRefusal };

/**
 * Server owners' limits, applied to every command before any download or fal call: paused, channel, role, block
 * list (pure checks on the settings), then jobs at once, cooldown, daily seconds and the guild's budgets (one atomic
 * reservation in the ledger). The reservation follows the job: adjusted after inspection, settled when fal finishes,
 * released when the job never reached fal.
 */
export class QuotaService {
  constructor(
    readonly ledger: QuotaLedger,
    readonly settings: GuildSettingsStore,
    private readonly clock: Pick<Clock, "now">,
    private readonly logger: Logger,
    /** cost charged (src/ops/metrics.ts) */
    private readonly metrics?: BotMetrics,
    /** fal's price list, used where neither the owner nor the environment set a price */
    private readonly livePrices?: LivePrices,
  ) {}

  /**
   * The guild's settings and a job's price per second: the price this server set (owner or environment) when set,
   * else fal's live price for the job's endpoint when known, else the default setting.
   */
  async priced(guildId: string, job: { kind: string; quality?: Quality | undefined }) {
    const { settings, priceIsSet } = await this.settings.getPriced(guildId);
    const tier = TIERS[qualityOf(job)];
    const model = (MODELS as Record<string, AnyModel | undefined>)[job.kind];
    const live = priceIsSet(tier.priceSetting)
      ? undefined
      : model && this.livePrices?.perSecondMicros(model.endpoints[qualityOf(job)]);
    const price: { pricePerSecondMicros: number; priceSource: PriceSource } =
      live !== undefined
        ? { pricePerSecondMicros: live, priceSource: "fal" }
        : { pricePerSecondMicros: tier.pricePerSecondMicros(settings), priceSource: "server" };
    return { settings, ...price };
  }

  /**
   * The guild's settings with each tier's price as a job would be reserved at it now (fal's live price where this
   * server set none, for the edit model's endpoint): what /kling-help quotes.
   */
  async settingsAsPriced(guildId: string): Promise<GuildSettings> {
    const [standard, pro] = await Promise.all(
      (["standard", "pro"] as const).map((quality) => this.priced(guildId, { kind: "edit", quality })),
    );
    return {
      ...standard!.settings,
      pricePerSecondMicros: standard!.pricePerSecondMicros,
      proPricePerSecondMicros: pro!.pricePerSecondMicros,
    };
  }

  async admit(request: AdmissionRequest): Promise<Admission> {
    const { settings, pricePerSecondMicros, priceSource } = await this.priced(request.guildId, request);
    const refusal = checkAccess(settings, request);
    if (refusal) return { ok: false, refusal };
    const limits = limitsOf(settings);
    const now = this.clock.now();
    const reserve = (amountMs: number) =>
      this.ledger.reserve({
        id: request.jobId,
        guildId: request.guildId,
        userId: request.userId,
        userName: request.userName,
        kind: request.kind,
        now,
        amountMs,
        pricePerSecondMicros,
        limits,
      });
    let result = await reserve(request.estimate.ms);
    // An edit of unknown length may still fit in what is left: hold the least it can cost for now; `adjust`
    // re-checks the inspected length atomically before anything is submitted.
    const amountLimit = !result.ok && ["user-daily", "guild-daily", "guild-monthly"].includes(result.denial.limit);
    if (!result.ok && amountLimit && request.estimate.minimumMs < request.estimate.ms) {
      const retry = await reserve(request.estimate.minimumMs);
      if (retry.ok) result = retry;
    }
    if (!result.ok)
      return {
        ok: false,
        refusal: describeDenial(result.denial, now, {
          provisional: request.estimate.minimumMs < request.estimate.ms,
          priceSource,
        }),
      };
    return {
      ok: true,
      reservation: result.reservation,
      settings,
      estimatedCostMicros: result.reservation.amountMicros,
      priceSource,
    };
  }

  /**
   * When the job is recorded and right before it is submitted: the reservation is resized to the output length and
   * shown to be still open, in one atomic step; one released meanwhile (an inspection that outlasted
   * ORPHAN_RESERVATION_MS) is taken again through every ledger check. A refusal means the job must not be submitted.
   */
  async confirm(holder: ReservationHolder, outputSec: number): Promise<Confirmation> {
    const { settings, pricePerSecondMicros, priceSource } = await this.priced(holder.guildId, holder);
    const now = this.clock.now();
    const { quality: _quality, ...who } = holder;
    const result = await this.ledger.confirm({
      ...who,
      now,
      amountMs: secToMs(outputSec),
      pricePerSecondMicros,
      limits: limitsOf(settings),
    });
    if (!result.ok) {
      const refusal = describeDenial(result.denial, now, { priceSource });
      if (!result.lapsed) return { ok: false, refusal };
      this.logger.warn(
        { jobId: holder.id, limit: result.denial.limit },
        "the job's quota reservation had lapsed and could not be taken again",
      );
      return {
        ok: false,
        refusal: {
          rule: refusal.rule,
          // `reasonKey`: the refusal itself, read with its own values (src/i18n violationMessage)
          ...(refusal.key ? { key: "quota.lapsed", vars: { ...refusal.vars, reasonKey: refusal.key } } : {}),
          message:
            `This job's hold on your allowance lapsed before it reached fal (checking its files ` +
            `took too long), and it can't be taken again: ${refusal.message}`,
        },
      };
    }
    if (result.renewed) this.logger.warn({ jobId: holder.id }, "the job's quota reservation had lapsed; taken again");
    return { ...result, priceSource };
  }

  /** The runner's beforeSubmit hook: `confirm` for a recorded job (a job without a reservation has nothing to confirm). */
  async confirmBeforeSubmit(job: Job): Promise<{ ok: true; patch?: Partial<Job> } | { ok: false; message: Text }> {
    const holder = holderOf(job);
    if (!holder) return { ok: true };
    let confirmed: Confirmation;
    try {
      confirmed = await this.confirm(holder, job.outputSec);
    } catch (error) {
      // unconfirmed, it could run unbilled: it is not sent
      jobLogger(this.logger, job).error({ err: error }, "could not confirm the job's quota reservation before submit");
      return { ok: false, message: message("failure.quotaUnchecked") };
    }
    if (!confirmed.ok) return { ok: false, message: violationMessage(confirmed.refusal) };
    if (!confirmed.renewed) return { ok: true };
    const { amountMicros, pricePerSecondMicros } = confirmed.reservation;
    return {
      ok: true,
      patch: { estimatedCostMicros: amountMicros, pricePerSecondMicros, priceSource: confirmed.priceSource },
    };
  }

  async release(ref: ReservationRef): Promise<void> {
    await this.ledger
      .release(ref, this.clock.now())
      .catch((error) =>
        this.logger.error({ err: error, reservationId: ref.id }, "could not release a quota reservation"),
      );
  }

  /** The runner's onFinished hook: records what fal bills for the job and frees its slot. Never throws. */
  async settle(job: Job): Promise<void> {
    if (!job.reservationId || !job.guildId) return;
    try {
      const settlement = settlementFor(job, this.clock.now());
      const entry = await this.ledger.settle({ guildId: job.guildId, id: job.reservationId }, settlement);
      if (entry?.billedMicros) this.metrics?.costCharged.inc(entry.billedMicros);
      if (entry)
        jobLogger(this.logger, job).info(
          { outcome: entry.outcome, billedMs: entry.billedMs, billedMicros: entry.billedMicros },
          "quota settled",
        );
    } catch (error) {
      jobLogger(this.logger, job).error({ err: error }, "could not settle the job's quota reservation");
    }
  }

  /**
   * At start-up and every sweep: settles reservations whose job ended while no process was watching, and releases
   * those whose job record never got written (the process died between reserving and recording the job) or whose
   * job has waited ORPHAN_RESERVATION_MS to be inspected by no process (none working it here).
   */
  async reconcile(
    getJob: (id: string) => Promise<Job | undefined>,
    /** a job this process is working now: its check confirms the reservation itself */
    heldHere: (id: string) => boolean = () => false,
  ): Promise<{ settled: number; released: number }> {
    let settled = 0;
    let released = 0;
    const now = this.clock.now();
    for (const open of await this.ledger.openReservations()) {
      const job = await getJob(open.id);
      if (job && isTerminal(job)) {
        await this.settle({ ...job, reservationId: open.id });
        settled += 1;
      } else if (
        (!job || (job.state === "inspecting" && !heldHere(open.id))) &&
        now - open.touchedAt > ORPHAN_RESERVATION_MS
      ) {
        // conditional in the store: a job that confirmed since the list was read keeps its reservation
        const freed = await this.ledger
          .release(open, now, { untouchedBefore: now - ORPHAN_RESERVATION_MS })
          .catch((error) =>
            this.logger.error({ err: error, reservationId: open.id }, "could not release a quota reservation"),
          );
        if (freed) released += 1;
      }
    }
    return { settled, released };
  }

  /**
   * Reconciles every `intervalMs` while the bot runs, so a reservation left open by an unexpected error (no job
   * record) frees the member's slot after ORPHAN_RESERVATION_MS without a restart. Returns a stop function.
   */
  startSweeper(
    getJob: (id: string) => Promise<Job | undefined>,
    intervalMs = 5 * 60_000,
    heldHere: (id: string) => boolean = () => false,
  ): () => void {
    const timer = setInterval(() => {
      void this.reconcile(getJob, heldHere)
        .then((result) => {
          if (result.settled || result.released) this.logger.info(result, "quota reservations reconciled");
        })
        .catch((error) => this.logger.warn({ err: error }, "quota reconciliation failed"));
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
