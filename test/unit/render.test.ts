import { describe, expect, it } from "vitest";
import {
  describeSpan,
  inputsLine,
  renderProgress,
  renderRefusal,
  renderStatus,
  spanText,
  threadName,
} from "../../src/discord/render.js";
import { describeFalError } from "../../src/fal/errors.js";
import { FalResultError } from "../../src/fal/gateway.js";
import { message, render, sentences } from "../../src/i18n/index.js";
import { failureOf, type Job } from "../../src/job.js";

const base: Job = {
  id: "0123456789abcdef",
  kind: "edit",
  endpoint: "fal-ai/kling-video/o3/standard/video-to-video/edit",
  falInput: { prompt: "p", video_url: "u", keep_audio: true, shot_type: "customize" },
  state: "queued",
  requester: { id: "42", name: "ana" },
  guildId: "1",
  channelId: "2",
  channelType: 0,
  appPermissions: "0",
  attachmentSizeLimit: 10 * 1024 * 1024,
  prompt: "@everyone look ".repeat(300),
  inputsSummary: "video 1280×720 · 5.0 s · audio kept",
  warnings: [],
  outputSec: 5,
  createdAt: 0,
  submittedAt: 1_000_000,
  updatedAt: 0,
  attempts: { submit: 1, status: 0, deliver: 0 },
};

describe("renderProgress", () => {
  it("truncates the prompt, disables mentions and stays within embed limits", () => {
    const body = renderProgress(base, 1_000_000);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const embed = body.embeds![0]!;
    expect(embed.description!.length).toBeLessThanOrEqual(1000);
    expect(JSON.stringify(embed).length).toBeLessThan(6000);
  });

  it("shows queue position, then log line and progress bar, then done with a link", () => {
    expect(renderStatus({ ...base, queuePosition: 2 }, 0)).toContain("position 3");
    const running = renderStatus({ ...base, state: "running", runningAt: 0, lastLog: "Generating frames" }, 47_500);
    expect(running).toContain("Generating frames");
    expect(running).toMatch(/50%/);
    const done = renderStatus(
      { ...base, state: "delivered", finishedAt: 1_134_000, resultChannelId: "9", resultMessageId: "8" },
      0,
    );
    expect(done).toContain("2m 14s");
    expect(done).toContain("https://discord.com/channels/1/9/8");
  });

  it("does not change while nothing visible changes (no edit storm)", () => {
    const running = { ...base, state: "running" as const, runningAt: 0 };
    expect(JSON.stringify(renderProgress(running, 1000))).toBe(JSON.stringify(renderProgress(running, 2000)));
  });
});

describe("renderRefusal", () => {
  it("lists every problem, says nothing was charged, and fits 2000 chars", () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ rule: "r", message: `problem ${i} `.repeat(10) }));
    const { content, flags } = renderRefusal(many);
    expect(content.length).toBeLessThanOrEqual(2000);
    expect(content).toContain("50 problems");
    expect(content).toContain("more");
    expect(content).toContain("nothing was charged");
    expect(flags).toBe(64);
  });
});

describe("threadName", () => {
  it("is at most 100 chars", () => {
    expect(threadName(base).length).toBeLessThanOrEqual(100);
  });
});

describe("describeSpan", () => {
  it("says a configured span exactly, in the largest whole unit", () => {
    expect(describeSpan(60 * 60_000)).toBe("1 hour");
    expect(describeSpan(24 * 3_600_000)).toBe("24 hours");
    expect(describeSpan(60_000 * 90)).toBe("90 minutes");
    expect(describeSpan(60_000)).toBe("1 minute");
    expect(describeSpan(108_000)).toBe("1 minute 48 s");
    expect(describeSpan(1_800)).toBe("1.8 s");
    expect(describeSpan(36)).toBe("36 ms");
  });
});

describe("a failed job's reason and its Inputs line, in the job's language", () => {
  const failed: Job = { ...base, state: "failed", locale: "de" };

  it("a reason kept as a message is shown in the job's language, fal's words inside as they are", () => {
    const text = describeFalError(
      new FalResultError(message("failure.noVideo", { problems: "video is missing" })),
      "result",
    );
    const job = { ...failed, ...failureOf(text.text) };
    expect(job.failure).toBe("fal finished, but its answer has no usable video: video is missing. Nothing was posted.");
    expect(renderStatus(job, 0)).toBe(
      "❌ Fehlgeschlagen — fal ist fertig, aber seine Antwort enthält kein nutzbares Video: video is missing. " +
        "Es wurde nichts gepostet.",
    );
    expect(renderStatus({ ...job, locale: "ko" }, 0)).toBe(`❌ Failed — ${job.failure}`);
  });

  it("an older record (English only) still shows its reason and its Inputs line as stored", () => {
    const job = { ...failed, failure: "the bot restarted while sending this job to fal" };
    expect(renderStatus(job, 0)).toBe("❌ Fehlgeschlagen — the bot restarted while sending this job to fal");
    expect(inputsLine(job)).toBe("video 1280×720 · 5.0 s · audio kept");
    const parts = [
      message("inputs.video", { width: 1280, height: 720, seconds: "5.0" }),
      "16:9",
      message("inputs.audioKept"),
    ];
    expect(inputsLine({ ...job, inputs: parts })).toBe("Video 1280×720 · 5.0 s · 16:9 · Ton behalten");
  });

  it("a configured span in the reader's words", () => {
    expect(render("ja", message("failure.deadline", { span: spanText(3_600_000) }))).toBe(
      "falが1時間以内に終わらなかったため、キャンセルしました。",
    );
    expect(render("fr", spanText(90 * 60_000))).toBe("90 minutes");
    expect(render("de", spanText(36))).toBe("36 ms");
  });
});

describe("sentences()", () => {
  it("runs sentences on as the reader's language does", () => {
    const notHosted = message("failure.notHosted", { problems: sentences(["A.", "B.", "C."]) });
    expect(render("en", notHosted)).toBe("A. B. C. Nothing was sent to fal or charged.");
    expect(render("ja", message("failure.notHosted", { problems: sentences(["甲。", "乙。"]) }))).toBe(
      "甲。乙。falには何も送信されず、課金もされていません。",
    );
    expect(render("de", sentences([]))).toBe("");
  });
});
