import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { CommandOptionValue, DiscordAttachment } from "../emulators/discord/index.js";
import { Samples, type Sample } from "./samples.js";
import { pageState } from "./snapshot.js";
import { startSandboxWorld, type SandboxWorld, type SandboxWorldOptions } from "./world.js";

/** The largest file the page may upload (the stand-in server's own upload limit is checked by the bot). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
const MAX_JSON_BYTES = 1024 * 1024;

const STATIC: Record<string, { file: string; type: string }> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/app.js": { file: "app.js", type: "text/javascript; charset=utf-8" },
  "/style.css": { file: "style.css", type: "text/css; charset=utf-8" },
};
const PUBLIC_DIR = fileURLToPath(new URL("./public/", import.meta.url));

export interface SandboxOptions {
  /** 0 picks a free port */
  port: number;
  dataDir: string;
  logLevel?: string;
  /** make every sample clip at start, in the background (default true; a test makes only the one it picks) */
  prepareSamples?: boolean;
  /** how long each step of the stand-in fal's queue lasts (default 1500 ms: time to watch it and press Cancel) */
  falStepMs?: number;
  /** startBot's seams, for tests (see SandboxWorldOptions) */
  botOverrides?: SandboxWorldOptions["botOverrides"];
}

export interface Sandbox {
  url: string;
  world: SandboxWorld;
  samples: readonly Sample[];
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) throw new HttpError(413, `too large: at most ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `too large: at most ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req, MAX_JSON_BYTES);
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    /* answered below */
  }
  throw new HttpError(400, "the body must be a JSON object");
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}

const asString = (v: unknown, what: string): string => {
  if (typeof v !== "string" || !v) throw new HttpError(400, `${what} is missing`);
  return v;
};

/** The bot against the stand-ins, and the page that plays a Discord client for one member. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const sampleFiles = new Samples(options.dataDir);
  const samples = sampleFiles.list;
  const world = await startSandboxWorld({
    logLevel: options.logLevel ?? "info",
    falStepMs: options.falStepMs ?? 1500,
    ...(options.botOverrides ? { botOverrides: options.botOverrides } : {}),
  });
  const { discord } = world;
  if (options.prepareSamples !== false) {
    sampleFiles
      .prepare()
      .catch((error: unknown) =>
        world.logs.push(JSON.stringify({ level: 50, msg: `could not make the sample clips: ${String(error)}` })),
      );
  }
  const attachments = new Map<string, DiscordAttachment>();
  const answeredModals = new Set<string>();

  const keep = (a: DiscordAttachment) => {
    attachments.set(a.id, a);
    return { id: a.id, filename: a.filename, size: a.size, url: a.url, content_type: a.content_type };
  };

  /** the page's option values; attachments are named by the id the upload answered */
  const file = (name: string, v: unknown): DiscordAttachment => {
    const a = attachments.get(String((v as { attachment?: unknown } | null)?.attachment));
    if (!a) throw new HttpError(400, `the file for "${name}" is gone: attach it again`);
    return a;
  };
  const entries = (raw: unknown): [string, unknown][] =>
    raw && typeof raw === "object" ? Object.entries(raw as Record<string, unknown>) : [];

  /** a command's options from the page: text, numbers, booleans, and attachments named by their upload's id */
  const commandOptions = (raw: unknown): Record<string, CommandOptionValue> =>
    Object.fromEntries(
      entries(raw).map(([name, value]): [string, CommandOptionValue] => {
        if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return [name, value];
        return [name, file(name, value)];
      }),
    );

  /** a form's fields from the page: text, or lists of attachments */
  const modalFields = (raw: unknown): Record<string, string | DiscordAttachment[]> =>
    Object.fromEntries(
      entries(raw).map(([name, value]): [string, string | DiscordAttachment[]] => {
        if (typeof value === "string") return [name, value];
        if (Array.isArray(value)) return [name, value.map((v) => file(name, v))];
        throw new HttpError(400, `"${name}" must be text or a list of files`);
      }),
    );

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const route = `${req.method} ${url.pathname}`;
    if (route === "GET /api/state") return send(res, 200, pageState(world, samples, answeredModals));
    if (route === "GET /api/logs") return send(res, 200, world.logs.since(Number(url.searchParams.get("after") ?? 0)));
    if (route === "POST /api/upload") {
      const filename = asString(url.searchParams.get("filename"), "filename").slice(0, 200);
      const data = await readBody(req, MAX_UPLOAD_BYTES);
      const contentType = String(req.headers["content-type"] ?? "") || undefined;
      return send(res, 200, keep(discord.addAttachment({ filename, data, ...(contentType ? { contentType } : {}) })));
    }
    if (route === "POST /api/sample") {
      const name = asString((await readJson(req)).name, "name");
      const sample = samples.find((s) => s.name === name);
      if (!sample) throw new HttpError(404, `no sample named ${name}`);
      const path = await sampleFiles.file(sample);
      const { contentType, width, height } = sample;
      return send(res, 200, keep(discord.addAttachment({ filename: name, data: path, contentType, width, height })));
    }
    if (route === "POST /api/command") {
      const body = await readJson(req);
      const { id } = discord.sendCommand({
        channelId: world.channelId,
        userId: world.userId,
        name: asString(body.name, "name"),
        ...(typeof body.subcommand === "string" && body.subcommand ? { subcommand: body.subcommand } : {}),
        options: commandOptions(body.options),
      });
      return send(res, 200, { id });
    }
    if (route === "POST /api/click") {
      const body = await readJson(req);
      const { id } = discord.clickButton({
        channelId: asString(body.channelId, "channelId"),
        messageId: asString(body.messageId, "messageId"),
        customId: asString(body.customId, "customId"),
        userId: world.userId,
      });
      return send(res, 200, { id });
    }
    if (route === "POST /api/modal") {
      const body = await readJson(req);
      const openedBy = asString(body.interactionId, "interactionId");
      const opener = discord.interaction(openedBy);
      if (!opener?.modal) throw new HttpError(404, "that form is no longer open");
      answeredModals.add(openedBy);
      if (body.dismiss === true) return send(res, 200, {});
      const fields = modalFields(body.fields);
      const { id } = discord.submitModal({ channelId: opener.channelId, userId: world.userId, openedBy, fields });
      return send(res, 200, { id });
    }
    throw new HttpError(404, `no such route: ${route}`);
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const handle = async () => {
      const page = req.method === "GET" ? STATIC[url.pathname] : undefined;
      if (page) {
        const text = await readFile(`${PUBLIC_DIR}${page.file}`);
        res.writeHead(200, { "content-type": page.type, "cache-control": "no-store" });
        res.end(text);
        return;
      }
      if (url.pathname.startsWith("/api/")) return api(req, res, url);
      throw new HttpError(404, "not found");
    };
    handle().catch((error: unknown) => {
      // the emulator throws on what a Discord client would not let a member send (a missing option, a bad file)
      const status = error instanceof HttpError ? error.status : 400;
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) send(res, status, { error: message });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    world,
    samples,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await world.close();
    },
  };
}
