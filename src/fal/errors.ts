import { ApiError, ValidationError } from "@fal-ai/client";
import { inertUserText } from "../inert-text.js";
import { redactText } from "../media/redact.js";
import { FalResultError } from "./gateway.js";

/** What a member is told about a fal failure, and whether trying again could help. */
export interface FalFailure {
  memberMessage: string;
  kind: "validation" | "model" | "auth" | "unavailable" | "unknown";
}

/** `["body","elements",0,"frontal_image_url"]` → "element 1's front image" */
export function describeFalField(loc: readonly (string | number)[]): string {
  const path = loc[0] === "body" ? loc.slice(1) : loc;
  const [field, index, sub] = path;
  const n = typeof index === "number" ? index + 1 : undefined;
  switch (field) {
    case "video_url":
      return "the video";
    case "image_urls":
      return n ? `image ${n} (@Image${n})` : "the images";
    case "elements":
      if (!n) return "the elements";
      if (sub === "frontal_image_url") return `element ${n}'s image (@Element${n})`;
      if (sub === "reference_image_urls") return `element ${n}'s reference image`;
      return `element ${n} (@Element${n})`;
    case "prompt":
      return "the prompt";
    case "duration":
      return "the duration";
    case "aspect_ratio":
      return "the aspect ratio";
    default:
      return path.length ? path.join(".") : "the request";
  }
}

function detailText(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return typeof body === "string" && body ? body : undefined;
  const detail = (body as { detail?: unknown }).detail;
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    const msgs = detail.map((d) => (d && typeof d === "object" && "msg" in d ? String(d.msg) : String(d)));
    return msgs.join("; ");
  }
  const message = (body as { message?: unknown; error?: unknown }).message ?? (body as { error?: unknown }).error;
  return typeof message === "string" ? message : undefined;
}

/** fal's answer to a cancel of a request it has already finished: the video exists (and is billed). */
export function isAlreadyCompleted(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 400 &&
    (error.body as { status?: unknown } | undefined)?.status === "ALREADY_COMPLETED"
  );
}

/**
 * fal refused a submit for now (429): it did not take the job, so sending it again cannot pay twice. A 5xx or a
 * dropped answer may hide a queued (billed) job, so nothing else is.
 */
export function isRefusedForNow(error: unknown): boolean {
  return error instanceof ApiError && error.status === 429;
}

/** fal's words as a member sees them: links redacted, one line, markdown inert (fal may echo the prompt). */
const clip = (text: string, max = 300) => inertUserText(redactText(text), max);

/** Turns anything fal's client threw into a member-facing sentence. `stage` tells submit from result. */
export function describeFalError(error: unknown, stage: "submit" | "status" | "result" | "upload"): FalFailure {
  if (error instanceof ValidationError) {
    const fields = error.fieldErrors.map((f) => `${describeFalField(f.loc)}: ${clip(f.msg, 200)}`);
    return {
      kind: "validation",
      memberMessage: fields.length
        ? `fal refused the input — ${fields.join("; ")}.`
        : `fal refused the input: ${clip(detailText(error.body) ?? error.message)}.`,
    };
  }
  if (error instanceof ApiError) {
    if (error.status === 401 || error.status === 403) {
      return {
        kind: "auth",
        memberMessage:
          "The bot is misconfigured: fal did not accept its credentials. The server owner needs to check the bot's logs.",
      };
    }
    const raw = detailText(error.body);
    const reason = raw === undefined ? undefined : redactText(raw);
    // A failed model still reads COMPLETED; its reason arrives as the result's error answer.
    if (stage === "result" && (error.status < 500 || reason)) {
      return {
        kind: "model",
        memberMessage: reason
          ? `The model failed: “${clip(reason)}”`
          : `The model failed (fal answered HTTP ${error.status}).`,
      };
    }
    if (error.status === 429 || error.status >= 500) {
      return {
        kind: "unavailable",
        memberMessage: `fal is overloaded or unavailable right now (HTTP ${error.status}). Nothing was generated; please try again in a few minutes.`,
      };
    }
    return {
      kind: "unknown",
      memberMessage: reason ? `fal refused the job: “${clip(reason)}”` : `fal refused the job (HTTP ${error.status}).`,
    };
  }
  if (error instanceof FalResultError) return { kind: "model", memberMessage: error.message };
  return {
    kind: "unavailable",
    memberMessage: "The bot could not reach fal. Nothing was generated; please try again in a few minutes.",
  };
}
