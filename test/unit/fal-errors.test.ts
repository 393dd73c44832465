import { ApiError, ValidationError } from "@fal-ai/client";
import { describe, expect, it } from "vitest";
import { describeFalError, isAlreadyCompleted, isRefusedForNow } from "../../src/fal/errors.js";
import { render } from "../../src/i18n/index.js";

describe("describeFalError", () => {
  it("names the input and fal's reason for a 422", () => {
    const error = new ValidationError({
      message: "Unprocessable",
      status: 422,
      body: {
        detail: [{ loc: ["body", "elements", 1, "frontal_image_url"], msg: "Image too small", type: "value_error" }],
      },
    });
    const failure = describeFalError(error, "submit");
    expect(failure.kind).toBe("validation");
    expect(failure.memberMessage).toContain("element 2");
    expect(failure.memberMessage).toContain("Image too small");
  });

  it("quotes the model's reason when the result fails", () => {
    const failure = describeFalError(
      new ApiError({ message: "x", status: 500, body: { detail: "Face not detected" } }),
      "result",
    );
    expect(failure.kind).toBe("model");
    expect(failure.memberMessage).toContain("Face not detected");
  });

  it("calls an auth failure a misconfiguration and keeps details out of the message", () => {
    const failure = describeFalError(
      new ApiError({ message: "x", status: 401, body: { detail: "Invalid key abc123" } }),
      "submit",
    );
    expect(failure.kind).toBe("auth");
    expect(failure.memberMessage).toContain("misconfigured");
    expect(failure.memberMessage).not.toContain("abc123");
  });
});

describe("fal error classification (what the runner asks instead of reading fal's errors)", () => {
  const api = (status: number, body: unknown = {}) => new ApiError({ message: "x", status, body });
  it("a cancel fal answers 400 ALREADY_COMPLETED: the video exists", () => {
    expect(isAlreadyCompleted(api(400, { status: "ALREADY_COMPLETED" }))).toBe(true);
    expect(isAlreadyCompleted(api(400, { status: "IN_PROGRESS" }))).toBe(false);
    expect(isAlreadyCompleted(new Error("ALREADY_COMPLETED"))).toBe(false);
  });
  it("only a 429 is a submit fal refused for now (a 5xx or a dropped answer may hide a queued job)", () => {
    expect(isRefusedForNow(api(429))).toBe(true);
    for (const status of [400, 500, 502, 503, 504]) expect(isRefusedForNow(api(status))).toBe(false);
    expect(isRefusedForNow(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }))).toBe(
      false,
    );
  });
});

describe("fal's failures in the job's language", () => {
  it("names each input fal refused in the reader's words, fal's own words as fal wrote them", () => {
    const error = new ValidationError({
      message: "Unprocessable",
      status: 422,
      body: {
        detail: [
          { loc: ["body", "elements", 1, "frontal_image_url"], msg: "Image too small", type: "value_error" },
          { loc: ["body", "prompt"], msg: "**too** long", type: "value_error" },
        ],
      },
    });
    const { text, memberMessage } = describeFalError(error, "submit");
    expect(memberMessage).toBe(
      "fal refused the input — element 2's image (@Element2): Image too small; the prompt: \\*\\*too\\*\\* long.",
    );
    expect(render("ja", text)).toBe(
      "falが入力を拒否しました — 要素2の画像（@Element2）：Image too small／プロンプト：\\*\\*too\\*\\* long。",
    );
    expect(render("de", describeFalError(new ApiError({ message: "x", status: 503, body: {} }), "submit").text)).toBe(
      "fal ist gerade überlastet oder nicht erreichbar (HTTP 503). Es wurde nichts erzeugt; bitte versuch es in ein " +
        "paar Minuten noch einmal.",
    );
  });
});
