import { ApiError } from "@fal-ai/client";
import { describe, expect, it } from "vitest";
import { inertUserText, plainUserText } from "../../src/inert-text.js";
import { renderProgress, renderStatus, threadName } from "../../src/discord/render.js";
import { describeFalError } from "../../src/fal/errors.js";
import { renderShowcase } from "../../src/discord/showcase.js";
import type { Job } from "../../src/job.js";

const HOSTILE =
  "# Free nitro [click here](https://evil.test/x) and [more](https://b.test) **now** <@&123> @everyone ||spoiler|| `code`";
const HOSTILE_INERT =
  "\\# Free nitro \\[click here\\](<https://evil.test/x>) and \\[more\\](<https://b.test>) \\*\\*now\\*\\* " +
  "<@&123> @everyone \\|\\|spoiler\\|\\| \\`code\\`";

const job: Job = {
  id: "0123456789abcdef",
  kind: "edit",
  endpoint: "fal-ai/kling-video/o3/standard/video-to-video/edit",
  falInput: { prompt: "p", video_url: "u", keep_audio: true, shot_type: "customize" },
  state: "delivered",
  requester: { id: "42", name: "ana" },
  guildId: "1",
  channelId: "2",
  channelType: 0,
  appPermissions: "0",
  attachmentSizeLimit: 10 * 1024 * 1024,
  prompt: HOSTILE,
  inputsSummary: "video",
  warnings: [],
  outputSec: 5,
  createdAt: 0,
  updatedAt: 0,
  resultChannelId: "9",
  resultMessageId: "8",
  attempts: { submit: 1, status: 0, deliver: 0 },
};

describe("member text is shown inert", () => {
  it.each([
    [HOSTILE, HOSTILE_INERT],
    ["-# tiny print", "\\-# tiny print"],
    ["> quoted\n> twice", "\\> quoted > twice"],
    [">>> everything after", "\\>>> everything after"],
    ["- a list", "\\- a list"],
    ["* a list", "\\* a list"],
    ["+ a list", "\\+ a list"],
    ["1. numbered", "1\\. numbered"],
    ["## heading\n### more", "\\## heading ### more"],
    ["__under__ ~~strike~~ *it* _it_", "\\_\\_under\\_\\_ \\~\\~strike\\~\\~ \\*it\\* \\_it\\_"],
    ["a\\b \\*", "a\\\\b \\\\\\*"],
    ["snake_case https://x.test/a_b_c", "snake\\_case <https://x.test/a_b_c>"],
    ["see https://x.test/a. Or <https://y.test>!", "see <https://x.test/a>. Or <https://y.test>!"],
    ["a cat walks through rain", "a cat walks through rain"],
  ])("%j → %j", (input, expected) => {
    expect(inertUserText(input, 1000)).toBe(expected);
  });

  it("is cut before escaping, so no escape is split", () => {
    expect(inertUserText("ab**cd", 4)).toBe("ab\\*…");
  });

  it("the progress embed, the showcase post and thread names", () => {
    const body = renderProgress(job, 0);
    expect(body.embeds![0]!.description).toBe(HOSTILE_INERT);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const showcase = renderShowcase(job)!;
    expect(showcase.content).toBe(`🎬 New Kling edit by <@42>: https://discord.com/channels/1/9/8\n> ${HOSTILE_INERT}`);
    expect(showcase.allowed_mentions).toEqual({ parse: [] });
    expect(threadName(job)).toBe(
      "Kling edit: Free nitro click here (https://evil.test/x) and more (https://b.test) now <@&123 @every…",
    );
    expect(plainUserText("-# **x** > y", 100)).toBe("- x y");
  });

  it("fal's log lines and reasons (which may echo the prompt) are inert too", () => {
    const running = renderStatus(
      { ...job, state: "running", runningAt: 0, lastLog: "Rendering [x](https://evil.test)" },
      0,
    );
    expect(running.split("\n").at(-1)).toBe("> Rendering \\[x\\](<https://evil.test>)");
    const failure = describeFalError(
      new ApiError({ message: "x", status: 422, body: { detail: "# Flagged: **[buy](https://evil.test)**" } }),
      "result",
    );
    expect(failure.memberMessage).toBe("The model failed: “\\# Flagged: \\*\\*\\[buy\\](<https://evil.test>)\\*\\*”");
  });
});
