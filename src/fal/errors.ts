import { ApiError, ValidationError } from "@fal-ai/client";
import { message, render, type Message, type Text } from "../i18n/index.js";
import { inertUserText } from "../inert-text.js";
import { redactText } from "../media/redact.js";
import { FalResultError } from "./gateway.js";

/**
 * What a member is told about a fal failure (`text`, in any language; `memberMessage`, in English), and whether
 * trying again could help. fal's own words inside stay as fal wrote them, inert.
 */
export interface FalFailure {
  memberMessage: string;
  text: Text;
  kind: "validation" | "model" | "auth" | "unavailable" | "unknown";
}

const failure = (kind: FalFailure["kind"], text: Text): FalFailure => ({
  kind,
  text,
  memberMessage: render("en", text),
});

/** `["body","elements",0,"frontal_image_url"]` → "element 1's image (@Element1)", in any language */
export function falFieldText(loc: readonly (string | number)[]): Text {
  const path = loc[0] === "body" ? loc.slice(1) : loc;
  const [field, index, sub] = path;
  const n = typeof index === "number" ? index + 1 : undefined;
  const say = (key: string): Message => message(`failure.field.${key}`, n ? { n } : undefined);
  switch (field) {
    case "video_url":
      return say("video");
    case "image_urls":
      return say(n ? "image" : "images");
    case "elements":
      if (!n) return say("elements");
      if (sub === "frontal_image_url") return say("elementImage");
      if (sub === "reference_image_urls") return say("elementReference");
      return say("element");
    case "prompt":
      return say("prompt");
    case "duration":
      return say("duration");
    case "aspect_ratio":
      return say("aspectRatio");
    default:
      return path.length ? path.join(".") : say("request");
  }
}

/** `["body","elements",0,"frontal_image_url"]` → "element 1's image (@Element1)" */
export const describeFalField = (loc: readonly (string | number)[]): string => render("en", falFieldText(loc));

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
    const fields = error.fieldErrors.map((f) =>
      message("failure.falField", { field: falFieldText(f.loc), msg: clip(f.msg, 200) }),
    );
    return failure(
      "validation",
      fields.length
        ? message("failure.falFields", { fields: { items: fields, by: "semicolon" } })
        : message("failure.falInput", { detail: clip(detailText(error.body) ?? error.message) }),
    );
  }
  if (error instanceof ApiError) {
    if (error.status === 401 || error.status === 403) return failure("auth", message("failure.falAuth"));
    const raw = detailText(error.body);
    const reason = raw === undefined ? undefined : redactText(raw);
    // A failed model still reads COMPLETED; its reason arrives as the result's error answer.
    if (stage === "result" && (error.status < 500 || reason)) {
      return failure(
        "model",
        reason
          ? message("failure.model", { reason: clip(reason) })
          : message("failure.modelStatus", { status: error.status }),
      );
    }
    if (error.status === 429 || error.status >= 500)
      return failure("unavailable", message("failure.unavailable", { status: error.status }));
    return failure(
      "unknown",
      reason
        ? message("failure.refused", { reason: clip(reason) })
        : message("failure.refusedStatus", { status: error.status }),
    );
  }
  if (error instanceof FalResultError) return failure("model", error.text);
  return failure("unavailable", message("failure.unreachable"));
}
