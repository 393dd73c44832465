import { z } from "zod";
import type { Logger } from "../logger.js";
import { verdict, type Verdict } from "../i18n/verdict.js";
import { usdToMicros } from "../money.js";
import { errorMessage } from "../text.js";

/** fal's price list answers 1–50 endpoint ids per call. */
export const MAX_PRICING_IDS = 50;
/** How often the price list is read again while the bot runs. */
export const PRICE_REFRESH_MS = 6 * 3_600_000;
/** One read of the price list gives up after this (start-up waits for it at most this long). */
export const PRICE_FETCH_TIMEOUT_MS = 10_000;
/** The most of an answer the bot reads (50 prices are a few KB). */
const MAX_ANSWER_BYTES = 256 * 1024;

/** Units fal prices a video model in per output second (fal names units per model; these mean "per second"). */
const PER_SECOND_UNITS = /^(?:video[ _-]?)?seconds?$|^s$|^per[ _-]second$/i;

const priceListSchema = z.object({
  prices: z
    .array(
      z.object({
        endpoint_id: z.string().max(300),
        unit_price: z.number().nonnegative().finite(),
        unit: z.string().max(100),
        currency: z.string().max(10),
      }),
    )
    .max(MAX_PRICING_IDS * 2),
});

export type PriceList = z.infer<typeof priceListSchema>["prices"];

/** One endpoint's price as the bot uses it: per output second, in integer micro-dollars (USD). */
export interface LivePrice {
  perSecondMicros: number;
  /** when fal's answer was read */
  readAt: number;
}

export interface FalPricingOptions {
  /** FAL_API_URL (default https://api.fal.ai) */
  apiUrl: string;
  key: string;
  /** the endpoints the bot runs */
  endpoints: readonly string[];
  logger: Logger;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
  refreshMs?: number;
}

/**
 * fal's published prices for the bot's endpoints (`GET <FAL_API_URL>/v1/models/pricing?endpoint_id=…`, with the fal
 * key), read at start-up and every PRICE_REFRESH_MS. A read that fails (timeout, HTTP error, an answer that does not
 * parse) keeps the last known prices, and is logged; an endpoint fal prices in anything but USD per second has no live
 * price (the configured one applies). Owners' and the environment's explicit prices always override these.
 */
class PriceListHttpError extends Error {
  constructor(readonly status: number) {
    super(`fal's price list answered HTTP ${status}`);
    this.name = "PriceListHttpError";
  }
}

export type KeyVerdict = Verdict;

/** A refused key (401/403) is the owner's to fix; anything else means fal could not be asked. */
function keyVerdictOf(error: unknown): KeyVerdict {
  const status = error instanceof PriceListHttpError ? error.status : undefined;
  if (status === 401 || status === 403) return verdict(false, "setup.falRefused", { status });
  return verdict(false, "setup.falUnasked", { error: errorMessage(error) });
}

export class FalPricing {
  private lastKeyCheck: KeyVerdict | undefined;
  private readonly prices = new Map<string, LivePrice>();
  private timer: NodeJS.Timeout | undefined;
  private readonly send: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly options: FalPricingOptions) {
    this.send = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? Date.now;
  }

  /** the live per-second price of an endpoint, if fal published one the bot could use */
  perSecondMicros(endpoint: string): number | undefined {
    return this.prices.get(endpoint)?.perSecondMicros;
  }

  /** Reads the price list now, then every refresh interval. Never throws; resolves once the first read ended. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMs ?? PRICE_REFRESH_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One read of every endpoint's price (in calls of at most 50 ids). Returns whether every call succeeded. */
  async refresh(): Promise<boolean> {
    const ids = [...new Set(this.options.endpoints)];
    let allRead = true;
    for (let i = 0; i < ids.length; i += MAX_PRICING_IDS) {
      const batch = ids.slice(i, i + MAX_PRICING_IDS);
      try {
        this.remember(batch, await this.read(batch));
        this.lastKeyCheck = verdict(true, "setup.falAccepts");
      } catch (error) {
        allRead = false;
        this.lastKeyCheck = keyVerdictOf(error);
        this.options.logger.warn(
          { err: error, endpoints: batch.length, kept: batch.filter((id) => this.prices.has(id)).length },
          "could not read fal's price list; keeping the last known (or configured) prices",
        );
      }
    }
    return allRead;
  }

  /**
   * Whether fal accepts the key: one authenticated read of one endpoint's price (cheap, and billed to no one).
   * A 401 or 403 is a refused key; anything else that fails says fal could not be asked.
   */
  async checkKey(): Promise<KeyVerdict> {
    const [first] = this.options.endpoints;
    try {
      await this.read(first ? [first] : []);
      return verdict(true, "setup.falAccepts");
    } catch (error) {
      return keyVerdictOf(error);
    }
  }

  /** what the last read of the price list said of the key (the start-up log uses it: no extra call) */
  keyVerdict(): KeyVerdict {
    return this.lastKeyCheck ?? verdict(false, "setup.falNotRead");
  }

  private async read(ids: readonly string[]): Promise<PriceList> {
    const url = new URL(`${this.options.apiUrl}/v1/models/pricing`);
    for (const id of ids) url.searchParams.append("endpoint_id", id);
    const response = await this.send(url, {
      headers: { authorization: `Key ${this.options.key}`, accept: "application/json" },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? PRICE_FETCH_TIMEOUT_MS),
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new PriceListHttpError(response.status);
    }
    const declared = Number(response.headers.get("content-length") ?? 0);
    if (declared > MAX_ANSWER_BYTES) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`fal's price list answer is too large (${declared} bytes)`);
    }
    const text = await response.text();
    if (text.length > MAX_ANSWER_BYTES) throw new Error(`fal's price list answer is too large`);
    const parsed = priceListSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`fal's price list answer does not parse: ${parsed.error.issues[0]?.message}`);
    return parsed.data.prices;
  }

  private remember(asked: readonly string[], prices: PriceList): void {
    const readAt = this.now();
    for (const price of prices) {
      if (!asked.includes(price.endpoint_id)) continue;
      if (price.currency.toUpperCase() !== "USD" || !PER_SECOND_UNITS.test(price.unit)) {
        this.options.logger.warn(
          { endpoint: price.endpoint_id, unit: price.unit, currency: price.currency },
          "fal prices this endpoint in a unit the bot does not bill by; its configured price applies",
        );
        this.prices.delete(price.endpoint_id);
        continue;
      }
      const perSecondMicros = usdToMicros(price.unit_price);
      const before = this.prices.get(price.endpoint_id)?.perSecondMicros;
      if (before !== perSecondMicros)
        this.options.logger.info(
          { endpoint: price.endpoint_id, perSecondMicros, before },
          "fal's price for an endpoint (from its price list)",
        );
      this.prices.set(price.endpoint_id, { perSecondMicros, readAt });
    }
  }
}
