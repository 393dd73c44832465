// A local emulator of fal's queue, storage and CDN, spoken to by the REAL @fal-ai/client over
// real sockets on 127.0.0.1. All configuration comes from options; nothing is read from the
// environment. See README.md in this folder for the API and what is (and is not) verified.
import { randomBytes, randomUUID, createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { EventEmitter } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import { defaultResultVideoBytes, padMp4ToSize, type MakeVideoOptions } from "./video.js";
import { INPUT_FETCH_ERROR, fetchInput, inputUrls, type InputFetchRecord } from "./input-fetch.js";
import { PUBLIC_HOSTS, type PublicNetwork } from "../public-net.js";

export { makeResultVideo, padMp4ToSize, topLevelBoxes, defaultResultVideoBytes } from "./video.js";
export type { MakeVideoOptions } from "./video.js";
export { falMiddlewareFor } from "./middleware.js";
export { INPUT_FETCH_ERROR, type InputFetchRecord } from "./input-fetch.js";

// ---------------------------------------------------------------------------------------------
// Constants. Values marked "unverified" are the emulator's best guess at fal's wording.

export const KLING_O3_EDIT = "fal-ai/kling-video/o3/standard/video-to-video/edit";
export const KLING_O3_REFERENCE = "fal-ai/kling-video/o3/standard/video-to-video/reference";
/**
 * fal's O3 Pro video-to-video endpoints: the same input schema as Standard (@fal-ai/client's EndpointTypeMap gives
 * both the same types).
 */
export const KLING_O3_PRO_EDIT = "fal-ai/kling-video/o3/pro/video-to-video/edit";
export const KLING_O3_PRO_REFERENCE = "fal-ai/kling-video/o3/pro/video-to-video/reference";
const KLING_ENDPOINTS: readonly string[] = [
  KLING_O3_EDIT,
  KLING_O3_REFERENCE,
  KLING_O3_PRO_EDIT,
  KLING_O3_PRO_REFERENCE,
];
const KLING_REFERENCE_ENDPOINTS: readonly string[] = [KLING_O3_REFERENCE, KLING_O3_PRO_REFERENCE];
export const DEFAULT_FAL_KEY = "test-fal-key";
export const PUBLIC_QUEUE_BASE = "https://queue.fal.run";
/** fal's price list answers 1–50 endpoint ids per call (fal's platform API docs). */
export const MAX_PRICING_IDS = 50;

/** One endpoint's entry in fal's price list (`GET /v1/models/pricing`): USD per the model's billing unit. */
export interface FalPrice {
  unit_price: number;
  unit: string;
  currency: string;
}

/**
 * The emulator's price list: fal's page confirms O3 Pro v2v at $0.336 per second; Standard's price is unverified
 * (third parties disagree), so it stands at the bot's documented default.
 */
export const DEFAULT_PRICES: Readonly<Record<string, FalPrice>> = {
  [KLING_O3_EDIT]: { unit_price: 0.126, unit: "second", currency: "USD" },
  [KLING_O3_REFERENCE]: { unit_price: 0.126, unit: "second", currency: "USD" },
  [KLING_O3_PRO_EDIT]: { unit_price: 0.336, unit: "second", currency: "USD" },
  [KLING_O3_PRO_REFERENCE]: { unit_price: 0.336, unit: "second", currency: "USD" },
};

/** Unverified wording of fal's error bodies. */
export const FAL_ERRORS = {
  missingAuth: { detail: "Missing authorization header" },
  badKey: { detail: "No user found for Key ID and Secret" },
  requestNotFound: { detail: "Request not found" },
  stillInProgress: { detail: "Request is still in progress" },
  /** Result of a request cancelled before it finished (unverified: status and wording). */
  cancelled: { status: 400, body: { detail: "Request was cancelled" } },
  notFound: { detail: "Not Found" },
} as const;

// ---------------------------------------------------------------------------------------------
// Public types

export type FalLogLevel = "STDERR" | "STDOUT" | "ERROR" | "INFO" | "WARN" | "DEBUG";
export interface FalRequestLog {
  message: string;
  level: FalLogLevel;
  source: "USER";
  timestamp: string;
}
export type LogInput = string | { message: string; level?: FalLogLevel };

export interface TimelineStep {
  status: "IN_QUEUE" | "IN_PROGRESS";
  /** How long this step lasts, in ms, measured on real timers from the step's start. */
  ms: number;
  /** IN_QUEUE only; default 0. */
  queuePosition?: number;
  /** Log lines appended when the step starts (shown with ?logs=1). */
  logs?: LogInput[];
}

export interface ResultVideoSpec {
  /** A file to serve as the result. */
  path?: string;
  /** Bytes to serve as the result. */
  bytes?: Buffer;
  /** The default clip, this many seconds long (fal's output is as long as the input clip or the asked `duration`). */
  seconds?: number;
  /** Pad the clip (given or the default one) with a trailing `free` box up to this size. */
  sizeBytes?: number;
  contentType?: string; // default "video/mp4"
  fileName?: string; // default "output.mp4"
}

export type Outcome =
  | {
      type: "result";
      video?: ResultVideoSpec;
      /** Replace the whole result body (the video, if any, is still hosted; see job.videoUrl). */
      body?: unknown;
    }
  | { type: "error"; status: number; body: unknown; headers?: Record<string, string> }
  | { type: "never" };

export interface Scenario {
  /** Answer the submit with this instead of queueing a job (e.g. 422, 500). */
  submit?: { status: number; body: unknown; headers?: Record<string, string> };
  /** Steps run back to back from submit time. Empty/absent: completes at once. */
  timeline?: TimelineStep[];
  /** Default: `{type:"result"}` with the default generated clip. */
  outcome?: Outcome;
  /** Seconds reported as metrics.inference_time; default: the IN_PROGRESS steps' ms / 1000. */
  inferenceTime?: number | null;
  /** Log lines appended when the job completes. */
  completedLogs?: LogInput[];
  /** "ignore-in-progress": a cancel on a running job answers 202 but the job runs on. */
  cancel?: "honour" | "ignore-in-progress";
  /** Check required Kling fields on submit (default: the emulator's validateInput option). */
  validate?: boolean;
  /** Download the input files as fal does (default: the emulator's fetchInputs option). */
  fetchInputs?: boolean;
}

export type JobState = "IN_QUEUE" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED";

export interface FalJob {
  requestId: string;
  endpoint: string;
  /** owner/alias the status/result/cancel routes use, e.g. "fal-ai/kling-video". */
  appPath: string;
  input: unknown;
  scenario: Scenario;
  state: JobState;
  queuePosition: number;
  logs: FalRequestLog[];
  submittedAt: number;
  startedAt?: number;
  completedAt?: number;
  cancelledAt?: number;
  statusCalls: number;
  streamCalls: number;
  resultCalls: number;
  cancelCalls: number;
  webhookUrl?: string;
  /** What GET result answers once COMPLETED/CANCELLED. */
  result?: { status: number; body: unknown; headers: Record<string, string> };
  /** The hosted result video, once COMPLETED with a result outcome. */
  videoUrl?: string;
  headers: Record<string, string>;
}

export type RequestKind =
  | "submit"
  | "status"
  | "status-stream"
  | "result"
  | "cancel"
  | "upload-initiate"
  | "upload-initiate-multipart"
  | "upload-put"
  | "upload-part"
  | "upload-complete"
  | "cdn"
  | "jwks"
  | "pricing"
  | "unknown";

export interface RecordedRequest {
  seq: number;
  kind: RequestKind;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased; authorization is replaced by "[redacted]". */
  headers: Record<string, string>;
  /** true/false on queue and rest routes (the Authorization check), undefined elsewhere. */
  authOk?: boolean;
  /** Parsed JSON body (when JSON and under 1 MiB). */
  body?: unknown;
  bodySize: number;
  /** HTTP status answered; 0 while pending or when the connection was dropped. */
  status: number;
  /** The request id concerned (submit answer, status/result/cancel path). */
  requestId?: string;
  /** Set when an injected fault answered: "status" | "drop". */
  fault?: "status" | "drop";
  timestamp: number;
  finishedAt?: number;
}

export interface FaultRule {
  method?: string;
  /** Tested against the path the emulator received, e.g. /queue/fal-ai/kling-video/requests/<id>/status. */
  path?: RegExp;
  kind?: RequestKind;
  /** Default 500. */
  status?: number;
  /** Object → JSON; string → text/plain unless headers say otherwise. Default {detail:...}. */
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests to hit; default 1. */
  times?: number;
  /** Destroy the socket instead of answering. */
  drop?: boolean;
  /** Wait this long before answering/dropping. */
  delayMs?: number;
  /**
   * A half-answer: fal handles the request (a submit creates its job, a cancel is acted on), then the answer on the
   * way back is replaced by this fault (status or drop), like a gateway failing after its upstream did the work.
   */
  afterHandling?: boolean;
}

export interface UploadRecord {
  id: string;
  content_type: string;
  file_name: string;
  multipart: boolean;
  parts: number;
  complete: boolean;
  size: number;
  bytes: Buffer;
  file_url: string;
  createdAt: number;
}

export interface WebhookDelivery {
  url: string;
  requestId: string;
  body: unknown;
  status: number; // 0 when the POST failed
  error?: string;
  timestamp: number;
  /** 1 for the first delivery, then fal's retries */
  attempt: number;
  /** the X-Fal-Webhook-* headers sent (none for an unsigned fault) */
  headers: Record<string, string>;
  /** the fault this delivery was sent with, if any */
  fault?: WebhookFault["kind"];
}

/**
 * A webhook delivery sent wrong, for tests (like failNext for requests): "unsigned" (no signature headers),
 * "mis-signed" (signed by a key not in the JWKS), "stale" (timestamp staleBySeconds in the past, default 600), "replay"
 * (the delivery is sent, then the very same signed bytes again). Applies to the next `times` (default 1) first attempts.
 */
export interface WebhookFault {
  kind: "unsigned" | "mis-signed" | "stale" | "replay";
  staleBySeconds?: number;
  times?: number;
}

/** How fal delivers webhooks: signed with its key, retried when not answered 2xx (fal: up to 10 times over 2 h). */
export interface WebhookOptions {
  /** attempts in all per completion; default 10 like fal (1: no retries) */
  attempts?: number;
  /** wait before retry n: retryDelayMs × 2^(n-1); default 1000 (fal's own spacing spreads 10 tries over 2 h) */
  retryDelayMs?: number;
  /** the X-Fal-Webhook-User-Id sent; default "emulator-user" */
  userId?: string;
}

export interface StartFalEmulatorOptions {
  key?: string;
  defaultScenario?: Scenario;
  /** Validate required Kling input fields on submit (422 like fal). Default true. */
  validateInput?: boolean;
  /** logs value in status answers when ?logs=0: null (default) or [] */
  logsWhenDisabled?: null | [];
  /** Default result clip: a file, or parameters for the ffmpeg-generated clip. */
  defaultVideo?: { path?: string; make?: MakeVideoOptions };
  /** Base used in the URLs the submit/status answers carry (the client ignores them). */
  publicQueueBase?: string;
  port?: number;
  /**
   * Download `video_url` and image URLs as fal does, answering a job whose input cannot be fetched with 422
   * `{detail:[{loc:["body","video_url"], msg, type}]}`. Default true. Only the emulator's own CDN files and
   * https links on `publicNetwork` are reachable (fal is not on the bot's network).
   */
  fetchInputs?: boolean;
  /** fal's download timeout per input (FACTS: "fetched within 30 s"). Default 30000. */
  inputFetchTimeoutMs?: number;
  /**
   * Stand on this pretend internet (emulators/public-net.ts): results and uploads are served over https under
   * v3.fal.media, and inputs on its public names are fetched through it.
   */
  publicNetwork?: PublicNetwork;
  /** webhook delivery (signing, retries) */
  webhook?: WebhookOptions;
  /**
   * Make a Kling job's result from its input (the sandbox's visible stand-in): called with the job's `video_url`
   * when the job is submitted and its outcome is a result whose video the scenario does not give; the bytes it
   * resolves to are hosted as the result (a rejection completes the job as the broken-model 500 below).
   */
  resultFromInput?: (inputUrl: string, job: FalJob) => Promise<Buffer>;
}

export interface FalEmulator {
  readonly key: string;
  readonly port: number;
  readonly baseUrl: string;
  /** Point https://queue.fal.run here. */
  readonly queueUrl: string;
  /** Point https://rest.fal.ai here. */
  readonly restUrl: string;
  /** Point https://api.fal.ai (fal's platform API: the price list) here. */
  readonly apiUrl: string;
  /** Sets (or, with undefined, removes) an endpoint's entry in the price list. */
  setPrice(endpoint: string, price: FalPrice | undefined): void;
  readonly requests: RecordedRequest[];
  readonly jobs: Map<string, FalJob>;
  readonly uploads: UploadRecord[];
  readonly webhooks: WebhookDelivery[];
  /** Every input download the emulator made for a job, in order. */
  readonly inputFetches: InputFetchRecord[];
  /** Where hosted files live: https://v3.fal.media/files on a public network, else http://127.0.0.1:P/cdn/files. */
  readonly filesBase: string;
  /** fal's webhook signing keys (point https://rest.fal.ai/.well-known/jwks.json here): `${restUrl}/.well-known/jwks.json` */
  readonly jwksUrl: string;
  /** Send the next webhook deliveries wrong (see WebhookFault). */
  failNextWebhook(fault: WebhookFault): void;
  /** The X-Fal-Webhook-* headers fal would sign `body` with (tests craft deliveries: unknown requests, replays). */
  signWebhook(body: string | Buffer, opts: { requestId: string; timestampS?: number }): Record<string, string>;
  /** Queue a scenario for the next submit (FIFO), optionally only for one endpoint id. */
  script(scenario: Scenario, opts?: { endpoint?: string }): void;
  /** A standing scenario for every submit to this endpoint (undefined clears it). */
  scriptEndpoint(endpoint: string, scenario: Scenario | undefined): void;
  setDefaultScenario(scenario: Scenario): void;
  failNext(rule: FaultRule): void;
  clearFaults(): void;
  /** Hold every incoming request unanswered until resume(). */
  pause(): void;
  resume(): void;
  /** "reset": accept then destroy every connection; "refuse": stop listening (ECONNREFUSED); false: back up. */
  setUnreachable(mode: "reset" | "refuse" | false): Promise<void>;
  /** Finish a job now with this outcome (default: its scenario's outcome, or a result). */
  settle(requestId: string, outcome?: Outcome): Promise<void>;
  /** Host bytes on the emulator's CDN (e.g. an input video for the bot to fetch). */
  putFile(bytes: Buffer, opts?: { contentType?: string; fileName?: string }): string;
  /** Deletes a stored file, as fal does once the account's retention has passed: its URL answers 404 from then on. */
  expireFile(url: string): void;
  /** Resolves with the predicate's first truthy value; re-checked on every change. */
  waitFor<T>(predicate: (fal: FalEmulator) => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  /** Forget recorded requests, uploads, webhooks (not jobs or files). */
  clearRecords(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------

export const DEFAULT_SCENARIO: Scenario = {
  timeline: [
    { status: "IN_QUEUE", queuePosition: 1, ms: 40 },
    { status: "IN_PROGRESS", logs: ["Starting generation"], ms: 80 },
  ],
  outcome: { type: "result" },
};

interface StoredFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
  etag: string;
  lastModified: string;
}

interface PendingUpload {
  record: UploadRecord;
  fileId: string;
  parts: Map<number, { bytes: Buffer; etag: string }>;
}

interface JobInternals {
  timers: NodeJS.Timeout[];
  video?: Promise<Buffer>;
  /** the input downloads: the 422 body when one failed, else undefined */
  inputs?: Promise<unknown | undefined>;
  settled: boolean;
}

const MAX_RECORDED_BODY = 1024 * 1024;

function isKlingEndpoint(endpoint: string): boolean {
  return KLING_ENDPOINTS.includes(endpoint);
}

function toLog(l: LogInput): FalRequestLog {
  const o = typeof l === "string" ? { message: l } : l;
  return { message: o.message, level: o.level ?? "INFO", source: "USER", timestamp: new Date().toISOString() };
}

function appPathOf(segments: string[]): string {
  const ns = segments[0] === "workflows" || segments[0] === "comfy";
  return segments.slice(0, ns ? 3 : 2).join("/");
}

function validateKlingInput(endpoint: string, input: unknown): unknown[] {
  const errs: unknown[] = [];
  const obj = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const req = (field: string) => {
    const v = obj[field];
    if (v === undefined || v === null) {
      errs.push({ loc: ["body", field], msg: "Field required", type: "missing" });
    } else if (typeof v !== "string") {
      errs.push({ loc: ["body", field], msg: "Input should be a valid string", type: "string_type" });
    }
  };
  req("prompt");
  req("video_url");
  if (KLING_REFERENCE_ENDPOINTS.includes(endpoint)) {
    const ar = obj["aspect_ratio"];
    if (ar !== undefined && !["auto", "16:9", "9:16", "1:1"].includes(String(ar))) {
      errs.push({
        loc: ["body", "aspect_ratio"],
        msg: "Input should be 'auto', '16:9', '9:16' or '1:1'",
        type: "enum",
      });
    }
    const d = obj["duration"];
    const allowed = Array.from({ length: 13 }, (_, i) => String(i + 3));
    if (d !== undefined && !(typeof d === "string" && allowed.includes(d))) {
      errs.push({
        loc: ["body", "duration"],
        msg: `Input should be ${allowed.map((a) => `'${a}'`).join(", ")}`,
        type: "enum",
      });
    }
  }
  return errs;
}

function classify(method: string, path: string): RequestKind {
  if (path.startsWith("/queue/")) {
    const segs = path.slice("/queue/".length).split("/").filter(Boolean);
    const i = segs.indexOf("requests");
    if (i >= 2 && segs[i + 1]) {
      const rest = segs.slice(i + 2).join("/");
      if (rest === "" && method === "GET") return "result";
      if (rest === "status" && method === "GET") return "status";
      if (rest === "status/stream" && method === "GET") return "status-stream";
      if (rest === "cancel" && method === "PUT") return "cancel";
      return "unknown";
    }
    return method === "POST" && segs.length >= 2 ? "submit" : "unknown";
  }
  if (path === "/rest/storage/upload/initiate" && method === "POST") return "upload-initiate";
  if (path === "/rest/storage/upload/initiate-multipart" && method === "POST") return "upload-initiate-multipart";
  if (/^\/upload\/single\/[^/]+$/.test(path) && method === "PUT") return "upload-put";
  if (/^\/upload\/multipart\/[^/]+\/\d+$/.test(path) && method === "PUT") return "upload-part";
  if (/^\/upload\/multipart\/[^/]+\/complete$/.test(path) && method === "POST") return "upload-complete";
  if (path.startsWith("/cdn/files/") && (method === "GET" || method === "HEAD")) return "cdn";
  if (path === "/rest/.well-known/jwks.json" && method === "GET") return "jwks";
  if (path === "/api/v1/models/pricing" && method === "GET") return "pricing";
  return "unknown";
}

function defaultFaultBody(status: number): unknown {
  switch (status) {
    case 429:
      return { detail: "Too many requests" };
    case 502:
      return { detail: "Bad Gateway" };
    case 503:
      return { detail: "Service Unavailable" };
    case 504:
      return { detail: "Gateway Timeout" };
    default:
      return { detail: "Internal Server Error" };
  }
}

// ---------------------------------------------------------------------------------------------

export async function startFalEmulator(options: StartFalEmulatorOptions = {}): Promise<FalEmulator> {
  const key = options.key ?? DEFAULT_FAL_KEY;
  const publicBase = (options.publicQueueBase ?? PUBLIC_QUEUE_BASE).replace(/\/+$/, "");
  const validateDefault = options.validateInput ?? true;
  const logsWhenDisabled = options.logsWhenDisabled === undefined ? null : options.logsWhenDisabled;
  let defaultScenario: Scenario = options.defaultScenario ?? DEFAULT_SCENARIO;
  const fetchInputsDefault = options.fetchInputs ?? true;
  const inputFetchTimeoutMs = options.inputFetchTimeoutMs ?? 30_000;
  const network = options.publicNetwork;
  const inputFetches: InputFetchRecord[] = [];

  const events = new EventEmitter();
  events.setMaxListeners(0);
  const changed = () => events.emit("change");

  const requests: RecordedRequest[] = [];
  const jobs = new Map<string, FalJob>();
  const internals = new Map<string, JobInternals>();
  const uploads: UploadRecord[] = [];
  const webhooks: WebhookDelivery[] = [];
  const webhookFaults: (WebhookFault & { remaining: number })[] = [];
  const webhookAttempts = Math.max(1, options.webhook?.attempts ?? 10);
  const webhookRetryDelayMs = options.webhook?.retryDelayMs ?? 1_000;
  const webhookUserId = options.webhook?.userId ?? "emulator-user";
  const signingKey = generateKeyPairSync("ed25519");
  /** signs "mis-signed" deliveries: a real Ed25519 key, just not one the JWKS publishes */
  const strangerKey = generateKeyPairSync("ed25519").privateKey;
  const webhookTimers = new Set<NodeJS.Timeout>();
  const files = new Map<string, StoredFile>();
  const pendingUploads = new Map<string, PendingUpload>();
  const scripted: { scenario: Scenario; endpoint?: string }[] = [];
  const endpointScenarios = new Map<string, Scenario>();
  const faults: (FaultRule & { remaining: number })[] = [];
  const sockets = new Set<Socket>();
  const held: (() => void)[] = [];
  const openStreams = new Set<ServerResponse>();
  let paused = false;
  let unreachable: "reset" | "refuse" | false = false;
  let closed = false;
  let seq = 0;

  // The default clip: generated once (cached on disk by makeResultVideo), started eagerly.
  let defaultClip: Promise<Buffer> | undefined;
  const getDefaultClip = (): Promise<Buffer> => {
    if (!defaultClip) {
      defaultClip = options.defaultVideo?.path
        ? readFile(options.defaultVideo.path)
        : defaultResultVideoBytes(options.defaultVideo?.make);
      defaultClip.catch(() => {
        defaultClip = undefined;
      });
    }
    return defaultClip;
  };
  getDefaultClip().catch(() => undefined);

  const server: Server = createServer();
  server.keepAliveTimeout = 5_000;
  server.on("connection", (socket: Socket) => {
    if (unreachable) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const queueUrl = `${baseUrl}/queue`;
  const restUrl = `${baseUrl}/rest`;
  const apiUrl = `${baseUrl}/api`;
  const prices = new Map<string, FalPrice>(Object.entries(DEFAULT_PRICES));
  const publicCdn = network ? await listenPublicCdn(network) : undefined;
  const filesBase = publicCdn ? `${publicCdn.base}/files` : `${baseUrl}/cdn/files`;

  // ----- files / CDN
  const hostFile = (bytes: Buffer, contentType: string, fileName: string): string => {
    const id = randomBytes(9).toString("base64url");
    files.set(id, {
      bytes,
      contentType,
      fileName,
      etag: `"${createHash("md5").update(bytes).digest("hex")}"`,
      lastModified: new Date().toUTCString(),
    });
    return `${filesBase}/${id}/${encodeURIComponent(fileName)}`;
  };

  /** The bytes of one of this emulator's own files, by its URL (fal reads its storage directly). */
  const ownFile = (url: string): Buffer | undefined => {
    if (!url.startsWith(`${filesBase}/`)) return undefined;
    return files.get(url.slice(filesBase.length + 1).split("/")[0] ?? "")?.bytes;
  };

  const materializeVideo = async (spec: ResultVideoSpec | undefined): Promise<Buffer> => {
    let base: Buffer;
    if (spec?.bytes) base = spec.bytes;
    else if (spec?.path) base = await readFile(spec.path);
    else if (spec?.seconds !== undefined)
      base = await defaultResultVideoBytes({ ...options.defaultVideo?.make, seconds: spec.seconds });
    else base = await getDefaultClip();
    return spec?.sizeBytes !== undefined ? padMp4ToSize(base, spec.sizeBytes) : base;
  };

  // ----- jobs
  const urlsFor = (job: FalJob) => {
    const r = `${publicBase}/${job.appPath}/requests/${job.requestId}`;
    return { response_url: r, status_url: `${r}/status`, cancel_url: `${r}/cancel` };
  };

  const statusJson = (job: FalJob, logs: FalRequestLog[] | null | []): Record<string, unknown> => {
    const publicState = job.state === "CANCELLED" ? "COMPLETED" : job.state;
    const base = { status: publicState, request_id: job.requestId, ...urlsFor(job) };
    if (publicState === "IN_QUEUE") return { ...base, queue_position: job.queuePosition };
    if (publicState === "IN_PROGRESS") return { ...base, logs };
    const sc = job.scenario;
    const inference =
      sc.inferenceTime !== undefined
        ? sc.inferenceTime
        : (sc.timeline ?? []).filter((s) => s.status === "IN_PROGRESS").reduce((a, s) => a + s.ms, 0) / 1000;
    return { ...base, logs, metrics: { inference_time: inference } };
  };

  /** fal's signature: Ed25519 over `request_id \n user_id \n timestamp \n hex(sha256(body))`, hex-encoded. */
  const signWebhook = (
    body: string | Buffer,
    opts: { requestId: string; timestampS?: number; key?: KeyObject },
  ): Record<string, string> => {
    const timestamp = String(opts.timestampS ?? Math.floor(Date.now() / 1000));
    const digest = createHash("sha256").update(body).digest("hex");
    const message = Buffer.from(`${opts.requestId}\n${webhookUserId}\n${timestamp}\n${digest}`);
    return {
      "x-fal-webhook-request-id": opts.requestId,
      "x-fal-webhook-user-id": webhookUserId,
      "x-fal-webhook-timestamp": timestamp,
      "x-fal-webhook-signature": sign(null, message, opts.key ?? signingKey.privateKey).toString("hex"),
    };
  };

  const takeWebhookFault = (): WebhookFault | undefined => {
    const fault = webhookFaults[0];
    if (!fault) return undefined;
    if (--fault.remaining <= 0) webhookFaults.shift();
    return fault;
  };

  const postWebhook = async (
    url: string,
    requestId: string,
    body: unknown,
    raw: string,
    headers: Record<string, string>,
    attempt: number,
    fault?: WebhookFault["kind"],
  ): Promise<number> => {
    const record: WebhookDelivery = { url, requestId, body, status: 0, timestamp: Date.now(), attempt, headers };
    if (fault) record.fault = fault;
    try {
      const r = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: raw,
      });
      await r.arrayBuffer().catch(() => undefined);
      record.status = r.status;
    } catch (e) {
      record.error = String(e);
    }
    webhooks.push(record);
    changed();
    return record.status;
  };

  const deliverWebhook = (job: FalJob, attempt = 1) => {
    if (!job.webhookUrl || !job.result || closed) return;
    const ok = job.result.status >= 200 && job.result.status < 300;
    const body = {
      request_id: job.requestId,
      gateway_request_id: job.requestId,
      status: ok ? "OK" : "ERROR",
      payload: job.result.body,
      error: ok ? null : `Invalid status code: ${job.result.status}`,
    };
    const raw = JSON.stringify(body);
    const url = job.webhookUrl;
    const fault = attempt === 1 ? takeWebhookFault() : undefined;
    let headers: Record<string, string>;
    if (fault?.kind === "unsigned") headers = {};
    else if (fault?.kind === "mis-signed") headers = signWebhook(raw, { requestId: job.requestId, key: strangerKey });
    else if (fault?.kind === "stale") {
      const timestampS = Math.floor(Date.now() / 1000) - (fault.staleBySeconds ?? 600);
      headers = signWebhook(raw, { requestId: job.requestId, timestampS });
    } else headers = signWebhook(raw, { requestId: job.requestId });
    void (async () => {
      const status = await postWebhook(url, job.requestId, body, raw, headers, attempt, fault?.kind);
      // the replayed copy is an attacker's, not fal's: fal's retry depends on its own delivery's answer
      if (fault?.kind === "replay") await postWebhook(url, job.requestId, body, raw, headers, attempt, "replay");
      if ((status >= 200 && status < 300) || attempt >= webhookAttempts || closed) return;
      // fal retries a delivery not answered 2xx, freshly signed each time
      const timer = setTimeout(
        () => {
          webhookTimers.delete(timer);
          deliverWebhook(job, attempt + 1);
        },
        webhookRetryDelayMs * 2 ** (attempt - 1),
      );
      timer.unref();
      webhookTimers.add(timer);
    })();
  };

  const clearJobTimers = (id: string) => {
    const int = internals.get(id);
    if (!int) return;
    for (const t of int.timers) clearTimeout(t);
    int.timers = [];
  };

  const finishJob = async (job: FalJob, outcome: Outcome): Promise<void> => {
    const int = internals.get(job.requestId);
    if (!int || int.settled) return;
    if (outcome.type === "never") return;
    int.settled = true;
    clearJobTimers(job.requestId);
    const headers = { "x-fal-request-id": job.requestId };
    const inputError = outcome.type === "result" ? await int.inputs : undefined;
    if (inputError) outcome = { type: "error", status: 422, body: inputError };
    let result: FalJob["result"];
    if (outcome.type === "error") {
      result = { status: outcome.status, body: outcome.body, headers: { ...headers, ...(outcome.headers ?? {}) } };
    } else {
      const spec = outcome.video;
      const bytes = await (int.video ?? materializeVideo(spec));
      const fileName = spec?.fileName ?? "output.mp4";
      const contentType = spec?.contentType ?? "video/mp4";
      const url = hostFile(bytes, contentType, fileName);
      job.videoUrl = url;
      const body =
        outcome.body !== undefined
          ? outcome.body
          : { video: { url, content_type: contentType, file_name: fileName, file_size: bytes.length } };
      result = { status: 200, body, headers };
    }
    if (job.state === "CANCELLED" || closed) return;
    job.result = result;
    for (const l of job.scenario.completedLogs ?? []) job.logs.push(toLog(l));
    job.state = "COMPLETED";
    job.completedAt = Date.now();
    changed();
    deliverWebhook(job);
  };

  const cancelJob = (job: FalJob) => {
    const int = internals.get(job.requestId);
    if (int) int.settled = true;
    clearJobTimers(job.requestId);
    job.state = "CANCELLED";
    job.cancelledAt = Date.now();
    job.result = {
      status: FAL_ERRORS.cancelled.status,
      body: FAL_ERRORS.cancelled.body,
      headers: { "x-fal-request-id": job.requestId },
    };
    changed();
  };

  /** fal's download of a job's inputs; on the first failure the job completes with fal's 422 naming the field. */
  const downloadInputs = async (job: FalJob, int: JobInternals): Promise<unknown | undefined> => {
    const ctx = { timeoutMs: inputFetchTimeoutMs, ownFile, ...(network ? { network } : {}) };
    const results = await Promise.all(
      inputUrls(job.input).map(async ({ loc, url }) => {
        const r = await fetchInput(url, ctx);
        const record: InputFetchRecord = { requestId: job.requestId, loc, url, ...r };
        inputFetches.push(record);
        changed();
        return record;
      }),
    );
    const failed = results.filter((r) => !r.ok);
    if (!failed.length) return undefined;
    const body = {
      detail: failed.map((r) => ({
        loc: r.loc,
        msg: INPUT_FETCH_ERROR.msg(r.error ?? "unknown error"),
        type: INPUT_FETCH_ERROR.type,
      })),
    };
    if (!int.settled && job.state !== "CANCELLED" && !closed) {
      void finishJob(job, { type: "error", status: 422, body });
    }
    return body;
  };

  /** The CDN over TLS under fal's own name: GET/HEAD https://v3.fal.media/files/<id>/<name>. */
  async function listenPublicCdn(net: PublicNetwork): Promise<{ server: HttpsServer; base: string }> {
    const server = createHttpsServer(net.tls, (req, res) => {
      req.url = `/cdn${req.url ?? "/"}`;
      server.emit("fal-request", req, res);
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    return { server, base: net.host(PUBLIC_HOSTS.falCdn, (server.address() as AddressInfo).port) };
  }

  const startJob = (job: FalJob) => {
    const int: JobInternals = { timers: [], settled: false };
    internals.set(job.requestId, int);
    const sc = job.scenario;
    if ((sc.fetchInputs ?? fetchInputsDefault) && isKlingEndpoint(job.endpoint)) int.inputs = downloadInputs(job, int);
    const outcome: Outcome = sc.outcome ?? { type: "result" };
    if (outcome.type === "result" && outcome.body === undefined) {
      const inputUrl = (job.input as { video_url?: unknown } | null)?.video_url;
      int.video =
        options.resultFromInput && !outcome.video && typeof inputUrl === "string"
          ? options.resultFromInput(inputUrl, job)
          : materializeVideo(outcome.video);
      int.video.catch(() => undefined);
    }
    const steps = sc.timeline ?? [];
    const apply = (step: TimelineStep) => {
      if (job.state === "CANCELLED" || job.state === "COMPLETED") return;
      if (step.status === "IN_QUEUE") {
        job.state = "IN_QUEUE";
        job.queuePosition = step.queuePosition ?? 0;
      } else {
        if (job.state !== "IN_PROGRESS") job.startedAt = Date.now();
        job.state = "IN_PROGRESS";
      }
      for (const l of step.logs ?? []) job.logs.push(toLog(l));
      changed();
    };
    let offset = 0;
    steps.forEach((step, i) => {
      if (i === 0) apply(step);
      else {
        const t = setTimeout(() => apply(step), offset);
        t.unref();
        int.timers.push(t);
      }
      offset += step.ms;
    });
    if (steps.length === 0 && outcome.type === "never") {
      job.state = "IN_PROGRESS";
      job.startedAt = Date.now();
    }
    if (outcome.type !== "never") {
      const t = setTimeout(() => {
        finishJob(job, outcome).catch((e: unknown) => {
          // The result video could not be produced: answer the result with a 500 like a broken model.
          job.result = {
            status: 500,
            body: { detail: `fal emulator: could not produce the result video: ${String(e)}` },
            headers: { "x-fal-request-id": job.requestId },
          };
          job.state = "COMPLETED";
          job.completedAt = Date.now();
          changed();
        });
      }, offset);
      t.unref();
      int.timers.push(t);
    }
  };

  const pickScenario = (endpoint: string): Scenario => {
    const i = scripted.findIndex((s) => s.endpoint === undefined || s.endpoint === endpoint);
    if (i >= 0) {
      const [s] = scripted.splice(i, 1);
      if (s) return s.scenario;
    }
    return endpointScenarios.get(endpoint) ?? defaultScenario;
  };

  // ----- HTTP plumbing
  const readBody = (req: IncomingMessage): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => resolve(Buffer.concat(chunks)));
      req.on("error", reject);
    });

  /** Answers to replace once the request has been handled (FaultRule.afterHandling). */
  const halfAnswers = new WeakMap<ServerResponse, FaultRule>();

  const send = (
    rec: RecordedRequest,
    res: ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    if (res.headersSent || res.destroyed) return;
    const half = halfAnswers.get(res);
    if (half) {
      halfAnswers.delete(res);
      if (half.drop) {
        rec.status = 0;
        rec.finishedAt = Date.now();
        res.socket?.destroy();
        changed();
        return;
      }
      const faultStatus = half.status ?? 500;
      return send(rec, res, faultStatus, half.body ?? defaultFaultBody(faultStatus), half.headers);
    }
    let payload: Buffer | undefined;
    const h: Record<string, string | number> = { ...headers };
    const hasType = Object.keys(h).some((k) => k.toLowerCase() === "content-type");
    if (body === undefined) payload = undefined;
    else if (Buffer.isBuffer(body)) payload = body;
    else if (typeof body === "string") {
      payload = Buffer.from(body);
      if (!hasType) h["content-type"] = "text/plain; charset=utf-8";
    } else {
      payload = Buffer.from(JSON.stringify(body));
      if (!hasType) h["content-type"] = "application/json";
    }
    h["content-length"] = payload ? payload.length : 0;
    res.writeHead(status, h);
    res.end(payload);
    rec.status = status;
    rec.finishedAt = Date.now();
    changed();
  };

  const redact = (headers: IncomingMessage["headers"]): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) {
      if (v === undefined) continue;
      out[k] = k === "authorization" ? "[redacted]" : Array.isArray(v) ? v.join(", ") : v;
    }
    return out;
  };

  const checkAuth = (req: IncomingMessage): { ok: boolean; body?: unknown } => {
    const h = req.headers.authorization;
    if (!h) return { ok: false, body: FAL_ERRORS.missingAuth };
    if (h !== `Key ${key}`) return { ok: false, body: FAL_ERRORS.badKey };
    return { ok: true };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", baseUrl);
    const path = url.pathname;
    const kind = classify(method, path);
    const rec: RecordedRequest = {
      seq: ++seq,
      kind,
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers: redact(req.headers),
      bodySize: 0,
      status: 0,
      timestamp: Date.now(),
    };
    requests.push(rec);

    // Injected faults act like the gateway in front of fal: before auth and routing.
    const rule = faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.method === undefined || f.method.toUpperCase() === method) &&
        (f.path === undefined || f.path.test(path)) &&
        (f.kind === undefined || f.kind === kind),
    );
    if (rule?.afterHandling) {
      rule.remaining--;
      if (rule.remaining <= 0) faults.splice(faults.indexOf(rule), 1);
      rec.fault = rule.drop ? "drop" : "status";
      halfAnswers.set(res, rule);
    } else if (rule) {
      rule.remaining--;
      if (rule.remaining <= 0) faults.splice(faults.indexOf(rule), 1);
      rec.fault = rule.drop ? "drop" : "status";
      changed();
      if (rule.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs));
      if (rule.drop) {
        rec.finishedAt = Date.now();
        req.socket.destroy();
        changed();
        return;
      }
      const status = rule.status ?? 500;
      // Drain the request body so the client sees the answer rather than a reset.
      const b = await readBody(req).catch(() => Buffer.alloc(0));
      rec.bodySize = b.length;
      send(rec, res, status, rule.body ?? defaultFaultBody(status), rule.headers);
      return;
    }

    const raw = await readBody(req);
    rec.bodySize = raw.length;
    const ctype = String(req.headers["content-type"] ?? "");
    let json: unknown;
    let jsonError = false;
    if (raw.length > 0 && raw.length <= MAX_RECORDED_BODY && (ctype.includes("json") || kind === "submit")) {
      try {
        json = JSON.parse(raw.toString("utf8"));
        rec.body = json;
      } catch {
        jsonError = true;
      }
    }

    // fal's signing keys are public; its queue, storage and platform APIs need the key
    const needsAuth =
      (path.startsWith("/queue/") || path.startsWith("/rest/") || path.startsWith("/api/")) && kind !== "jwks";
    if (needsAuth) {
      const a = checkAuth(req);
      rec.authOk = a.ok;
      if (!a.ok) return send(rec, res, 401, a.body);
    }

    switch (kind) {
      case "submit":
        return handleSubmit(rec, res, url, json, jsonError);
      case "status":
      case "result":
      case "cancel":
      case "status-stream":
        return handleRequestOp(rec, req, res, url, kind);
      case "upload-initiate":
      case "upload-initiate-multipart":
        return handleInitiate(rec, res, json, kind === "upload-initiate-multipart");
      case "upload-put":
      case "upload-part":
      case "upload-complete":
        return handleUpload(rec, req, res, path, raw, json, kind);
      case "cdn":
        return handleCdn(rec, req, res, path, method);
      case "jwks":
        return send(rec, res, 200, {
          keys: [
            {
              ...signingKey.publicKey.export({ format: "jwk" }),
              kid: "emulator-webhook-key",
              use: "sig",
              alg: "EdDSA",
            },
          ],
        });
      case "pricing":
        return handlePricing(rec, res, url);
      default:
        return send(rec, res, 404, FAL_ERRORS.notFound);
    }
  };

  /** fal's price list: `endpoint_id` repeated or comma-separated, 1–50 ids; ids fal does not price are left out. */
  const handlePricing = (rec: RecordedRequest, res: ServerResponse, url: URL) => {
    const ids = [
      ...new Set(
        url.searchParams
          .getAll("endpoint_id")
          .flatMap((value) => value.split(","))
          .map((id) => id.trim())
          .filter(Boolean),
      ),
    ];
    if (ids.length < 1 || ids.length > MAX_PRICING_IDS) {
      return send(rec, res, 422, {
        detail: [
          {
            loc: ["query", "endpoint_id"],
            msg: `Accepts 1-${MAX_PRICING_IDS} endpoint IDs (got ${ids.length})`,
            type: "value_error",
          },
        ],
      });
    }
    const listed = ids.flatMap((id) => {
      const price = prices.get(id);
      return price ? [{ endpoint_id: id, ...price }] : [];
    });
    return send(rec, res, 200, { prices: listed, next_cursor: null, has_more: false });
  };

  const handleSubmit = (rec: RecordedRequest, res: ServerResponse, url: URL, json: unknown, jsonError: boolean) => {
    const segs = url.pathname.slice("/queue/".length).split("/").filter(Boolean);
    const endpoint = segs.join("/");
    if (jsonError) {
      return send(rec, res, 422, {
        detail: [{ loc: ["body"], msg: "JSON decode error", type: "json_invalid" }],
      });
    }
    const peek = scripted.find((s) => s.endpoint === undefined || s.endpoint === endpoint)?.scenario;
    const validate = (peek ?? endpointScenarios.get(endpoint) ?? defaultScenario).validate ?? validateDefault;
    if (validate && isKlingEndpoint(endpoint)) {
      const errs = validateKlingInput(endpoint, json);
      if (errs.length > 0) return send(rec, res, 422, { detail: errs });
    }
    const scenario = pickScenario(endpoint);
    if (scenario.submit) {
      return send(rec, res, scenario.submit.status, scenario.submit.body, scenario.submit.headers);
    }
    const requestId = randomUUID();
    const webhook = url.searchParams.get("fal_webhook") ?? undefined;
    const job: FalJob = {
      requestId,
      endpoint,
      appPath: appPathOf(segs),
      input: json,
      scenario,
      state: "IN_QUEUE",
      queuePosition: 0,
      logs: [],
      submittedAt: Date.now(),
      statusCalls: 0,
      streamCalls: 0,
      resultCalls: 0,
      cancelCalls: 0,
      headers: rec.headers,
      ...(webhook ? { webhookUrl: webhook } : {}),
    };
    jobs.set(requestId, job);
    rec.requestId = requestId;
    startJob(job);
    changed();
    return send(
      rec,
      res,
      200,
      { status: "IN_QUEUE", request_id: requestId, ...urlsFor(job), queue_position: job.queuePosition },
      { "x-fal-request-id": requestId },
    );
  };

  const handleRequestOp = (
    rec: RecordedRequest,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    kind: "status" | "result" | "cancel" | "status-stream",
  ) => {
    const segs = url.pathname.slice("/queue/".length).split("/").filter(Boolean);
    const i = segs.indexOf("requests");
    const appPath = segs.slice(0, i).join("/");
    const id = segs[i + 1] ?? "";
    rec.requestId = id;
    const job = jobs.get(id);
    if (!job || job.appPath !== appPath) return send(rec, res, 404, FAL_ERRORS.requestNotFound);
    const idHeader = { "x-fal-request-id": id };
    const withLogs = url.searchParams.get("logs") === "1";

    if (kind === "status") {
      job.statusCalls++;
      return send(rec, res, 200, statusJson(job, withLogs ? [...job.logs] : logsWhenDisabled), idHeader);
    }
    if (kind === "result") {
      job.resultCalls++;
      if (!job.result) return send(rec, res, 400, FAL_ERRORS.stillInProgress, idHeader);
      return send(rec, res, job.result.status, job.result.body, job.result.headers);
    }
    if (kind === "cancel") {
      job.cancelCalls++;
      if (job.state === "COMPLETED" || job.state === "CANCELLED") {
        return send(rec, res, 400, { status: "ALREADY_COMPLETED" }, idHeader);
      }
      const ignore = job.state === "IN_PROGRESS" && job.scenario.cancel === "ignore-in-progress";
      if (!ignore) cancelJob(job);
      return send(rec, res, 202, { status: "CANCELLATION_REQUESTED" }, idHeader);
    }

    // status-stream: server-sent events as the status changes; last event COMPLETED, then close.
    job.streamCalls++;
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
      ...idHeader,
    });
    rec.status = 200;
    openStreams.add(res);
    changed();
    let sentLogs = 0;
    let lastKey = "";
    const push = () => {
      if (res.writableEnded || res.destroyed) return;
      const newLogs = job.logs.slice(sentLogs);
      const key = `${job.state}:${job.queuePosition}:${job.logs.length}`;
      if (key === lastKey) return;
      lastKey = key;
      sentLogs = job.logs.length;
      const data = statusJson(job, withLogs ? newLogs : logsWhenDisabled);
      res.write(`data: ${JSON.stringify(data)}\n\n`);
      if (job.state === "COMPLETED" || job.state === "CANCELLED") {
        cleanup();
        res.end();
        rec.finishedAt = Date.now();
      }
    };
    const cleanup = () => {
      events.off("change", push);
      openStreams.delete(res);
    };
    events.on("change", push);
    req.on("close", cleanup);
    res.on("close", cleanup);
    push();
  };

  const handleInitiate = (rec: RecordedRequest, res: ServerResponse, json: unknown, multipart: boolean) => {
    const b = (json && typeof json === "object" ? json : {}) as Record<string, unknown>;
    const contentType = typeof b["content_type"] === "string" ? b["content_type"] : "application/octet-stream";
    const fileName = typeof b["file_name"] === "string" ? b["file_name"] : "file.bin";
    const token = randomBytes(12).toString("base64url");
    const fileId = randomBytes(9).toString("base64url");
    const fileUrl = `${filesBase}/${fileId}/${encodeURIComponent(fileName)}`;
    const record: UploadRecord = {
      id: token,
      content_type: contentType,
      file_name: fileName,
      multipart,
      parts: 0,
      complete: false,
      size: 0,
      bytes: Buffer.alloc(0),
      file_url: fileUrl,
      createdAt: Date.now(),
    };
    uploads.push(record);
    pendingUploads.set(token, { record, fileId, parts: new Map() });
    changed();
    const uploadUrl = `${baseUrl}/upload/${multipart ? "multipart" : "single"}/${token}`;
    return send(rec, res, 200, { upload_url: uploadUrl, file_url: fileUrl });
  };

  const finishUpload = (p: PendingUpload, bytes: Buffer) => {
    const { record } = p;
    record.bytes = bytes;
    record.size = bytes.length;
    record.complete = true;
    files.set(p.fileId, {
      bytes,
      contentType: record.content_type,
      fileName: record.file_name,
      etag: `"${createHash("md5").update(bytes).digest("hex")}"`,
      lastModified: new Date().toUTCString(),
    });
    changed();
  };

  const handleUpload = (
    rec: RecordedRequest,
    _req: IncomingMessage,
    res: ServerResponse,
    path: string,
    raw: Buffer,
    json: unknown,
    kind: "upload-put" | "upload-part" | "upload-complete",
  ) => {
    const segs = path.split("/").filter(Boolean); // upload, single|multipart, token, [n|complete]
    const token = segs[2] ?? "";
    const p = pendingUploads.get(token);
    if (!p || p.record.multipart !== (kind !== "upload-put")) return send(rec, res, 404, FAL_ERRORS.notFound);
    if (p.record.complete) return send(rec, res, 409, { detail: "Upload already completed" });
    if (kind === "upload-put") {
      finishUpload(p, raw);
      return send(rec, res, 200);
    }
    if (kind === "upload-part") {
      const n = Number(segs[3]);
      const etag = `"${createHash("md5").update(raw).digest("hex")}"`;
      p.parts.set(n, { bytes: raw, etag });
      p.record.parts = p.parts.size;
      changed();
      return send(rec, res, 200, { partNumber: n, etag });
    }
    const b = (json && typeof json === "object" ? json : {}) as { parts?: { partNumber?: number; etag?: string }[] };
    const list = Array.isArray(b.parts) ? b.parts : [];
    if (list.length === 0) return send(rec, res, 400, { detail: "No parts given" });
    const chunks: Buffer[] = [];
    const sorted = [...list].sort((a, c) => (a.partNumber ?? 0) - (c.partNumber ?? 0));
    for (const [idx, part] of sorted.entries()) {
      const stored = p.parts.get(part.partNumber ?? -1);
      if (part.partNumber !== idx + 1 || !stored || stored.etag !== part.etag) {
        return send(rec, res, 400, { detail: `Invalid part ${String(part.partNumber)}` });
      }
      chunks.push(stored.bytes);
    }
    finishUpload(p, Buffer.concat(chunks));
    return send(rec, res, 200, { file_url: p.record.file_url });
  };

  const handleCdn = (rec: RecordedRequest, req: IncomingMessage, res: ServerResponse, path: string, method: string) => {
    const id = path.split("/")[3] ?? "";
    const f = files.get(id);
    if (!f) return send(rec, res, 404, FAL_ERRORS.notFound);
    const size = f.bytes.length;
    const common = {
      "content-type": f.contentType,
      "accept-ranges": "bytes",
      etag: f.etag,
      "last-modified": f.lastModified,
      "content-disposition": `inline; filename="${f.fileName.replace(/"/g, "")}"`,
    };
    const range = req.headers.range;
    let start = 0;
    let end = size - 1;
    let partial = false;
    if (range) {
      const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
      if (!m || (m[1] === "" && m[2] === "")) {
        return send(rec, res, 416, undefined, { "content-range": `bytes */${size}` });
      }
      if (m[1] === "") {
        const suffix = Number(m[2]);
        start = Math.max(0, size - suffix);
      } else {
        start = Number(m[1]);
        if (m[2] !== "") end = Math.min(Number(m[2]), size - 1);
      }
      if (start >= size || start > end) {
        return send(rec, res, 416, undefined, { "content-range": `bytes */${size}` });
      }
      partial = true;
    }
    const slice = f.bytes.subarray(start, end + 1);
    const headers: Record<string, string> = { ...common };
    if (partial) headers["content-range"] = `bytes ${start}-${end}/${size}`;
    if (method === "HEAD") {
      res.writeHead(partial ? 206 : 200, { ...headers, "content-length": slice.length });
      res.end();
      rec.status = partial ? 206 : 200;
      rec.finishedAt = Date.now();
      changed();
      return;
    }
    return send(rec, res, partial ? 206 : 200, slice, headers);
  };

  publicCdn?.server.on("fal-request", (req: IncomingMessage, res: ServerResponse) => server.emit("request", req, res));
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const go = () => {
      handle(req, res).catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ detail: `fal emulator internal error: ${String(e)}` }));
        }
      });
    };
    if (paused) held.push(go);
    else go();
  });

  const destroyAllSockets = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
    openStreams.clear();
  };

  const emu: FalEmulator = {
    key,
    port,
    baseUrl,
    queueUrl,
    restUrl,
    apiUrl,
    setPrice(endpoint, price) {
      if (price) prices.set(endpoint, price);
      else prices.delete(endpoint);
    },
    requests,
    jobs,
    uploads,
    webhooks,
    inputFetches,
    filesBase,
    jwksUrl: `${restUrl}/.well-known/jwks.json`,
    failNextWebhook(fault) {
      webhookFaults.push({ ...fault, remaining: fault.times ?? 1 });
    },
    signWebhook: (body, opts) => signWebhook(body, opts),
    script(scenario, opts) {
      scripted.push({ scenario, ...(opts?.endpoint ? { endpoint: opts.endpoint } : {}) });
    },
    scriptEndpoint(endpoint, scenario) {
      if (scenario) endpointScenarios.set(endpoint, scenario);
      else endpointScenarios.delete(endpoint);
    },
    setDefaultScenario(scenario) {
      defaultScenario = scenario;
    },
    failNext(rule) {
      faults.push({ ...rule, remaining: rule.times ?? 1 });
    },
    clearFaults() {
      faults.length = 0;
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      const list = held.splice(0);
      for (const go of list) go();
    },
    async setUnreachable(mode) {
      const prev = unreachable;
      unreachable = mode;
      if (mode) destroyAllSockets();
      if (mode === "refuse" && prev !== "refuse") {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      if (mode !== "refuse" && prev === "refuse" && !closed) {
        await new Promise<void>((resolve, reject) => {
          server.once("error", reject);
          server.listen(port, "127.0.0.1", () => {
            server.off("error", reject);
            resolve();
          });
        });
      }
    },
    async settle(requestId, outcome) {
      const job = jobs.get(requestId);
      if (!job) throw new Error(`fal emulator: no job ${requestId}`);
      const o = outcome ?? job.scenario.outcome;
      await finishJob(job, !o || o.type === "never" ? { type: "result" } : o);
    },
    putFile(bytes, opts) {
      return hostFile(bytes, opts?.contentType ?? "video/mp4", opts?.fileName ?? "input.mp4");
    },
    expireFile(url) {
      if (!url.startsWith(`${filesBase}/`) || !files.delete(url.slice(filesBase.length + 1).split("/")[0] ?? ""))
        throw new Error(`expireFile: ${url} is not one of this emulator's files`);
      changed();
    },
    waitFor<T>(predicate: (fal: FalEmulator) => T | undefined | null | false, timeoutMs = 5_000): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const check = () => {
          let v: T | undefined | null | false;
          try {
            v = predicate(emu);
          } catch (e) {
            done();
            reject(e instanceof Error ? e : new Error(String(e)));
            return;
          }
          if (v) {
            done();
            resolve(v);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`fal emulator: waitFor timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          events.off("change", check);
        };
        events.on("change", check);
        check();
      });
    },
    clearRecords() {
      inputFetches.length = 0;
      requests.length = 0;
      uploads.length = 0;
      webhooks.length = 0;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const id of internals.keys()) clearJobTimers(id);
      for (const t of webhookTimers) clearTimeout(t);
      paused = false;
      held.length = 0;
      destroyAllSockets();
      if (publicCdn) {
        publicCdn.server.closeAllConnections();
        await new Promise<void>((resolve) => publicCdn.server.close(() => resolve()));
      }
      if (unreachable !== "refuse") {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      events.removeAllListeners();
    },
  };
  return emu;
}
