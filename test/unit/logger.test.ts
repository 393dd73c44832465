import { Writable } from "node:stream";
import { ApiError } from "@fal-ai/client";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";

const SIGNED = "https://cdn.discordapp.com/attachments/1/2/clip.mp4?ex=6650&is=664f&hm=0123456789abcdef";

function capture() {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  return { logger: createLogger("info", sink), lines };
}

describe("logger", () => {
  it("logs any error with its links' signatures removed (fal's body, the message, the stack), keeping what helps", () => {
    const { logger, lines } = capture();
    const error = new ApiError({
      message: `Unprocessable: could not fetch ${SIGNED}`,
      status: 422,
      body: { detail: [{ loc: ["body", "video_url"], msg: "file_download_error", input: SIGNED }] },
    });
    logger.error({ err: error, jobId: "j1" }, "job runner crashed");
    logger.warn({ err: new Error(`socket hang up fetching ${SIGNED}`) }, "download failed");
    const text = lines.join("");
    expect(text).not.toContain("hm=");
    expect(text).not.toContain("0123456789abcdef");
    const [crashed, download] = lines.map((line) => JSON.parse(line));
    expect(crashed.err).toMatchObject({
      type: "ApiError",
      status: 422,
      message: "Unprocessable: could not fetch https://cdn.discordapp.com/attachments/1/2/clip.mp4",
      body: {
        detail: [
          {
            loc: ["body", "video_url"],
            msg: "file_download_error",
            input: "https://cdn.discordapp.com/attachments/1/2/clip.mp4",
          },
        ],
      },
    });
    expect(crashed.jobId).toBe("j1");
    expect(download.err.message).toBe("socket hang up fetching https://cdn.discordapp.com/attachments/1/2/clip.mp4");
  });
});
