import { describe, expect, it } from "vitest";
import { editModalId, parseEditModalId } from "../../commands/edit-with-kling.js";
import { refreshAttachmentLinks, REFRESH_BATCH } from "../../src/requests/refresh-links.js";
import { buildKlingRequest, mediaInputs, type AttachmentLike } from "../../src/requests/kling-request.js";
import { videoOfMessage } from "../../src/requests/message-video.js";

const file = (
  name: string,
  contentType: string | null,
  url = `https://cdn.discordapp.com/attachments/1/2/${name}?ex=1`,
) => ({ url, name, contentType, size: 10, width: null, height: null }) satisfies AttachmentLike;

describe("videoOfMessage", () => {
  it("takes the first attached video, by content type or by name", () => {
    const clip = file("clip.mov", null);
    expect(videoOfMessage({ attachments: [file("a.png", "image/png"), clip], content: "", embeds: [] })).toEqual({
      video: clip,
    });
    const typed = file("blob", "video/mp4");
    expect(videoOfMessage({ attachments: [typed], content: "", embeds: [] })).toEqual({ video: typed });
  });

  it("else a link to a video file in the text or in a link embed; other links are not videos", () => {
    expect(
      videoOfMessage({
        attachments: [],
        content: "see https://x.test/page and <https://x.test/v.mp4?s=1>",
        embeds: [],
      }),
    ).toEqual({ video_url: "https://x.test/v.mp4?s=1" });
    expect(
      videoOfMessage({ attachments: [], content: "", embeds: [{ video: { url: "https://y.test/e.mov" } }] }),
    ).toEqual({ video_url: "https://y.test/e.mov" });
    expect(
      videoOfMessage({
        attachments: [file("a.png", "image/png")],
        content: "https://youtu.be/x ftp://z/a.mp4",
        embeds: [],
      }),
    ).toBeUndefined();
  });

  it("looks at a bounded number of links", () => {
    const many = `${"https://x.test/p ".repeat(50)} https://x.test/late.mp4`;
    expect(videoOfMessage({ attachments: [], content: many, embeds: [] })).toBeUndefined();
  });
});

describe("the form's custom id", () => {
  it("carries the channel and message ids and nothing else", () => {
    const id = editModalId("123456789012345678", "223456789012345678");
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parseEditModalId(id)).toEqual({ channelId: "123456789012345678", messageId: "223456789012345678" });
    for (const bad of [`${id}:x`, "edit-with-kling:1", "edit-with-kling:a:b", "kling:retry:1"])
      expect(parseEditModalId(bad)).toBeUndefined();
  });
});

describe("refreshAttachmentLinks", () => {
  it("renews every Discord attachment (not links), in batches Discord takes, keeping links Discord does not answer for", async () => {
    const input = {
      kind: "edit" as const,
      prompt: "p",
      video: file("v.mp4", "video/mp4"),
      element1: file("e.png", "image/png"),
      element1_ref: file("r.png", "image/png"),
      image1: file("i.png", "image/png"),
      image2: file("gone.png", "image/png"),
    };
    const calls: string[][] = [];
    const refreshed = await refreshAttachmentLinks(buildKlingRequest(input), {
      async refreshUrls(urls) {
        calls.push([...urls]);
        return new Map(urls.filter((u) => !u.includes("gone")).map((u) => [u, `${u}&fresh`]));
      },
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.length).toBeLessThanOrEqual(REFRESH_BATCH);
    expect(mediaInputs(refreshed).map((m) => m.url.endsWith("&fresh"))).toEqual([true, true, true, true, false]);

    const pasted = buildKlingRequest({
      kind: "edit",
      prompt: "p",
      video_url: "https://cdn.discordapp.com/attachments/1/2/v.mp4?ex=1&is=1&hm=1",
    });
    const renewed = await refreshAttachmentLinks(pasted, {
      refreshUrls: async (urls) => new Map(urls.map((u) => [u, `${u}&fresh`])),
    });
    expect(renewed.video!.url).toMatch(/&fresh$/);

    const linked = buildKlingRequest({ kind: "edit", prompt: "p", video_url: "https://x.test/v.mp4" });
    const none = await refreshAttachmentLinks(linked, {
      refreshUrls: async () => {
        throw new Error("not called");
      },
    });
    expect(none).toBe(linked);
  });
});
