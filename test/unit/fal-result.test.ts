import { ApiError, ValidationError } from "@fal-ai/client";
import { describe, expect, it } from "vitest";
import { describeFalError } from "../../src/fal/errors.js";
import { redactValue } from "../../src/media/redact.js";
import { FalResultError, parseFalVideoOutput } from "../../src/fal/gateway.js";

const BASES = ["http://127.0.0.1:4100/queue", "http://127.0.0.1:4100/rest"];
const SIGNED = "https://cdn.discordapp.com/attachments/1/2/clip.mp4?ex=66&is=65&hm=deadbeefSECRET&";

describe("fal's result is validated before use", () => {
  it("keeps a well-formed result (and only the fields the bot uses)", () => {
    expect(
      parseFalVideoOutput(
        {
          video: {
            url: "https://v3.fal.media/files/x/out.mp4",
            content_type: "video/mp4",
            file_name: "out.mp4",
            file_size: 1234,
            extra: 1,
          },
          seed: 7,
        },
        BASES,
      ),
    ).toEqual({
      video: {
        url: "https://v3.fal.media/files/x/out.mp4",
        content_type: "video/mp4",
        file_name: "out.mp4",
        file_size: 1234,
      },
    });
    expect(parseFalVideoOutput({ video: { url: "http://127.0.0.1:4100/cdn/files/1/out.mp4" } }, BASES)).toEqual({
      video: { url: "http://127.0.0.1:4100/cdn/files/1/out.mp4" },
    });
  });

  it.each([
    [{}, "fal finished, but its answer has no usable video: video is missing. Nothing was posted."],
    [null, "fal finished, but its answer has no usable video: the answer should be an object. Nothing was posted."],
    [
      { images: [{ url: "https://x.test/a.png" }] },
      "fal finished, but its answer has no usable video: video is missing. Nothing was posted.",
    ],
    [{ video: {} }, "fal finished, but its answer has no usable video: video.url is missing. Nothing was posted."],
    [
      { video: { url: "http://evil.test/a.mp4?token=SECRET" } },
      "fal finished, but its answer has no usable video: video.url is not an https link (video.url: " +
        "http://evil.test/a.mp4). Nothing was posted.",
    ],
    [
      { video: { url: "http://127.0.0.1:4101/cdn/a.mp4" } },
      "fal finished, but its answer has no usable video: video.url is not an https link (video.url: " +
        "http://127.0.0.1:4101/cdn/a.mp4). Nothing was posted.",
    ],
    [
      { video: { url: "file:///etc/passwd" } },
      "fal finished, but its answer has no usable video: video.url is not an https link (video.url: " +
        "file:///etc/passwd). Nothing was posted.",
    ],
    [
      { video: { url: "https://v3.fal.media/a.mp4", file_size: "big" } },
      "fal finished, but its answer has no usable video: video.file_size should be a number (video.url: " +
        "https://v3.fal.media/a.mp4). Nothing was posted.",
    ],
  ])("refuses %j with a clear message", (data, message) => {
    expect(() => parseFalVideoOutput(data, BASES)).toThrow(
      expect.objectContaining({ name: "FalResultError", message }) as unknown as Error,
    );
  });

  it("a malformed result fails the job with that message", () => {
    const failure = describeFalError(
      new FalResultError("fal finished, but its answer has no usable video: video is missing. Nothing was posted."),
      "result",
    );
    expect(failure).toMatchObject({
      kind: "model",
      memberMessage: "fal finished, but its answer has no usable video: video is missing. Nothing was posted.",
    });
  });
});

describe("fal error bodies are redacted before they are logged or shown", () => {
  it("strips query strings from every link in the body, however deep", () => {
    expect(
      redactValue({
        detail: [{ loc: ["body", "video_url"], msg: `could not download ${SIGNED} (403)`, input: SIGNED }],
        n: 3,
      }),
    ).toEqual({
      detail: [
        {
          loc: ["body", "video_url"],
          msg: "could not download https://cdn.discordapp.com/attachments/1/2/clip.mp4 (403)",
          input: "https://cdn.discordapp.com/attachments/1/2/clip.mp4",
        },
      ],
      n: 3,
    });
  });

  it("bounds what is logged", () => {
    const deep = JSON.parse(`${'{"a":'.repeat(20)}1${"}".repeat(20)}`);
    expect(JSON.stringify(redactValue(deep))).toBe('{"a":{"a":{"a":{"a":{"a":{"a":"[…]"}}}}}}');
    expect((redactValue("x".repeat(10_000)) as string).length).toBe(2_001);
    expect((redactValue(Array.from({ length: 1000 }, () => 1)) as unknown[]).length).toBe(50);
  });

  it("describeFalError's log detail and member message carry no signature", () => {
    const validation = new ValidationError({
      message: "Unprocessable",
      status: 422,
      body: {
        detail: [
          { loc: ["body", "video_url"], msg: `Failed to download ${SIGNED}`, type: "value_error", input: SIGNED },
        ],
      },
    });
    const model = new ApiError({ message: "x", status: 500, body: { detail: `Could not read ${SIGNED}` } });
    const unknown = new ApiError({ message: "x", status: 400, body: { error: `bad link ${SIGNED}` } });
    for (const [error, stage] of [
      [validation, "submit"],
      [model, "result"],
      [unknown, "submit"],
    ] as const) {
      const failure = describeFalError(error, stage);
      expect(JSON.stringify(failure)).not.toContain("hm=");
      expect(JSON.stringify(failure)).not.toContain("SECRET");
      expect(JSON.stringify(failure)).toContain("https://cdn.discordapp.com/attachments/1/2/clip.mp4");
    }
  });
});
