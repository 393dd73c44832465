/**
 * The character library end to end: /kling-element save → the `elements` option (by name and by autocomplete) →
 * fal gets the saved images from fal storage, uploaded from the bot's own copy of the bytes (Discord's links have
 * long expired by then), with every reference image; unknown names and other members' server elements are refused.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscordAttachment } from "../../emulators/discord/index.js";
import { closeWorld, startWorld, statusOf, type World } from "./harness.js";
import { command, config, OWNER_PERMISSIONS, submits } from "./quota-helpers.js";
import { makeImage } from "../media/corpus.js";

const DAY_MS = 86_400_000;

/** A valid JPEG made `extra` bytes larger with comment segments (readers skip them). */
function paddedJpeg(jpeg: Buffer, extra: number): Buffer {
  const segments: Buffer[] = [];
  for (let left = extra; left > 0; left -= 65_000) {
    const n = Math.min(65_000, left);
    const segment = Buffer.alloc(n + 4);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(n + 2, 2);
    segments.push(segment);
  }
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
}

async function saveElement(
  world: World,
  name: string,
  images: { front: DiscordAttachment; ref1?: DiscordAttachment; ref2?: DiscordAttachment; ref3?: DiscordAttachment },
  extra: { scope?: "me" | "server"; userId?: string; memberPermissions?: bigint } = {},
): Promise<string> {
  const { scope, ...who } = extra;
  const sent = await command(
    world,
    "kling-element",
    { name, ...images, ...(scope ? { scope } : {}) },
    {
      subcommand: "save",
      ...who,
    },
  );
  return sent.content;
}

async function autocomplete(world: World, typed: string, userId = world.userId) {
  const { id } = world.discord.sendAutocomplete({
    channelId: world.channelId,
    userId,
    name: "kling-edit",
    focused: "elements",
    options: { prompt: "anything", elements: typed },
  });
  return world.discord.waitFor(() => world.discord.autocompleteChoices(id), 5_000, "autocomplete answer");
}

/** Runs /kling-edit and waits for the delivered result; returns fal's job. */
async function editDelivered(world: World, options: Record<string, unknown>) {
  const before = world.fal.jobs.size;
  const { id } = world.discord.sendCommand({
    channelId: world.channelId,
    userId: world.userId,
    name: "kling-edit",
    options: { video: await world.video(), ...options } as never,
  });
  await world.discord.waitFor(
    () => world.discord.interaction(id)?.edits.some((e) => /Started!/.test(e.body.content ?? "")),
    20_000,
    "job started",
  );
  await world.discord.waitFor(() => /Done/.test(statusOf(world.progressMessage())) || undefined, 20_000, "delivered");
  expect(world.fal.jobs.size).toBe(before + 1);
  return [...world.fal.jobs.values()].at(-1)!;
}

describe("saved elements (/kling-element, public links)", () => {
  // one world for the file (each test uses its own names; the library-size test runs last)
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ media: "public" });
  });
  afterAll(async () => {
    await closeWorld(world);
  });

  it("saved with 2 references, found by autocomplete, used by name: @name becomes @Element2, fal gets every image", async () => {
    const front = await world.image({ width: 600, height: 800 }, "alice-front.png");
    const ref1 = await world.image({ width: 512, height: 512, format: "jpg" }, "alice-side.jpg");
    const ref2 = await world.image({ width: 700, height: 400 }, "alice-back.png");
    const saved = await saveElement(world, "Alice", { front, ref1, ref2 });
    expect(saved).toMatch(/^Saved @alice \(for you\): a front image and 2 references/);

    // autocomplete completes the last name of the list from the member's elements
    expect(await autocomplete(world, "al")).toEqual([
      { name: expect.stringContaining("alice (yours, 3 images)"), value: "alice" },
    ]);
    const [choice] = await autocomplete(world, "bob, AL");
    expect(choice?.value).toBe("bob, alice");
    expect(await autocomplete(world, "zz")).toEqual([]);

    // an attached element keeps slot 1; the saved one goes after it
    const hero = await world.image({}, "hero.png");
    const job = await editDelivered(world, {
      prompt: "@alice dances with @Element1 in the rain",
      element1: hero,
      elements: (await autocomplete(world, "ali"))[0]!.value,
    });
    const uploads = new Map(world.fal.uploads.map((u) => [u.file_name, u.file_url]));
    expect(job.input).toMatchObject({
      prompt: "@Element2 dances with @Element1 in the rain",
      elements: [
        { frontal_image_url: hero.url },
        {
          frontal_image_url: uploads.get("alice-front.png"),
          reference_image_urls: [uploads.get("alice-side.jpg"), uploads.get("alice-back.png")],
        },
      ],
    });
    expect(uploads.get("alice-front.png")).toMatch(/^https:\/\/v3\.fal\.media\/files\//);
    // the progress message says which name became which element
    const inputs = world.progressMessage()!.raw.embeds[0].fields.find((f: { name: string }) => f.name === "Inputs");
    expect(inputs.value).toContain("saved: @alice → @Element2");
    expect(inputs.value).toContain("2 elements (+2 ref)");
  });

  it("the saved images are uploaded to fal storage after the progress message is posted (they do not decide the start)", async () => {
    await saveElement(world, "ordo", { front: await world.image({}, "ordo.png") });
    await editDelivered(world, { prompt: "@ordo bows", elements: "ordo" });
    const progressId = world.progressMessage()!.raw.id;
    const post = world.discord.requests.find(
      (r) => r.route === "POST /channels/{channel_id}/messages" && (r.response as { id?: string }).id === progressId,
    )!;
    const upload = world.fal.uploads.find((u) => u.file_name === "ordo.png")!;
    expect(post).toBeDefined();
    expect(upload.createdAt).toBeGreaterThanOrEqual(post.at + post.durationMs);
  });

  it("a saved image fal storage refuses: the job started, then fails on its progress message; nothing sent, nothing charged", async () => {
    const cost = async () =>
      (await command(world, "kling-usage", { export: true }, { memberPermissions: OWNER_PERMISSIONS })).content.match(
        /: \d+ jobs?, (\$[\d.]+)/,
      )?.[1];
    await saveElement(world, "uma", { front: await world.image({}, "uma.png") });
    const before = await cost();
    const submitted = submits(world);
    world.fal.failNext({ kind: "upload-initiate", status: 400, body: { detail: "storage unavailable" } });
    const sent = await command(world, "kling-edit", {
      prompt: "@uma waves",
      video: await world.video(),
      elements: "uma",
    });
    expect(sent.content).toContain("Started!");
    const status = await world.discord.waitFor(
      () => (/^❌/u.test(statusOf(world.progressMessage())) ? statusOf(world.progressMessage()) : undefined),
      20_000,
      "failed",
    );
    expect(status).toContain("I couldn't upload your saved elements' images to fal just now");
    expect(status).toContain("Nothing was sent to fal or charged.");
    expect(submits(world)).toBe(submitted);
    expect(await cost()).toBe(before);
  });

  it("a name that does not exist: a clear refusal, nothing reserved, nothing sent to fal", async () => {
    const ledger = async () =>
      (await command(world, "kling-usage", { export: true }, { memberPermissions: OWNER_PERMISSIONS })).content
        .match(/: (\d+) jobs?, (\$[\d.]+)/)
        ?.slice(1);
    const before = await ledger();
    const submitted = submits(world);
    await saveElement(world, "amy", { front: await world.image({}, "a.png") });
    const sent = await command(world, "kling-edit", {
      prompt: "@bob waves",
      video: await world.video(),
      elements: "amy, Bob_*x*",
    });
    expect(sent.content).toContain("No saved element is named @bob\\_\\*x\\* (neither yours nor this server's)");
    expect(sent.content).toContain("/kling-element list");
    expect(sent.content).toContain("nothing was charged");
    expect(sent.content).not.toContain("@amy");
    expect(submits(world)).toBe(submitted);
    // the ledger has no new job (not even a released reservation) and no new cost
    expect(await ledger()).toEqual(before);
  });

  it(
    "used a day later, after its Discord link expired: the job runs from the stored bytes; fal's copy " +
      "is re-used, and uploaded again once fal deleted it",
    async () => {
      const front = await world.image({}, "kim.png");
      await saveElement(world, "kim", { front });
      world.discord.advanceCdnClock(DAY_MS + 3_600_000);
      // what the link it was saved from answers now
      expect((await world.network!.fetch(front.url, { timeoutMs: 5_000 })).status).toBe(404);

      const kimUploads = () => world.fal.uploads.filter((u) => u.file_name === "kim.png");
      const frontalUrl = (job: { input: unknown }) =>
        (job.input as { elements: { frontal_image_url: string }[] }).elements[0]!.frontal_image_url;
      const first = await editDelivered(world, { prompt: "@kim surfs", elements: "kim" });
      expect(first.input).toMatchObject({ prompt: "@Element1 surfs" });
      expect(kimUploads()).toHaveLength(1);
      const firstUrl = frontalUrl(first);
      expect(firstUrl).toBe(kimUploads()[0]!.file_url);
      // fal fetched nothing from Discord for it: the image came from fal's own storage
      expect(world.fal.inputFetches.filter((f) => f.url === front.url)).toEqual([]);

      // still on fal storage: re-used, not uploaded again
      const second = await editDelivered(world, { prompt: "@kim skates", elements: "kim" });
      expect(frontalUrl(second)).toBe(firstUrl);
      expect(kimUploads()).toHaveLength(1);

      // fal's retention deleted it: the next job uploads the stored bytes again
      world.fal.expireFile(firstUrl);
      const third = await editDelivered(world, { prompt: "@kim flies", elements: "kim" });
      expect(kimUploads()).toHaveLength(2);
      expect(frontalUrl(third)).toBe(kimUploads()[1]!.file_url);
      expect(frontalUrl(third)).not.toBe(firstUrl);
      expect(kimUploads()[1]!.bytes.equals(kimUploads()[0]!.bytes)).toBe(true);

      // Retry reruns the saved element from the library: the same element, its current fal copy
      const result = world.discord
        .threads()
        .flatMap((t) => world.discord.messages(t.id))
        .filter((m) => m.files.length > 0)
        .at(-1)!;
      const retry = (result.raw.components[0].components as { custom_id: string }[])[0]!.custom_id;
      expect(retry).toMatch(/^kling:retry:/);
      const jobs = world.fal.jobs.size;
      // the rerun's progress message goes where Retry was pressed (the result's thread)
      const lastProgress = world.progressMessage(result.channelId)?.raw.id;
      world.discord.clickButton({
        channelId: result.channelId,
        messageId: result.raw.id,
        customId: retry,
        userId: world.userId,
      });
      const rerun = await world.fal.waitFor((fal) => fal.jobs.size > jobs && [...fal.jobs.values()].at(-1), 15_000);
      expect(rerun.input).toMatchObject({ prompt: "@Element1 flies" });
      expect(frontalUrl(rerun)).toBe(kimUploads()[1]!.file_url);
      expect(kimUploads()).toHaveLength(2);
      await world.discord.waitFor(
        () => {
          const progress = world.progressMessage(result.channelId);
          return (progress && progress.raw.id !== lastProgress && /Done/.test(statusOf(progress))) || undefined;
        },
        20_000,
        "the rerun delivered",
      );
    },
  );

  it("a server element: saving needs Manage Server; a non-owner cannot delete it; the owner and Manage Server can", async () => {
    const other = world.discord.addUser({ username: "ben" }).id as string;
    const refused = await saveElement(world, "mascot", { front: await world.image({}, "m.png") }, { scope: "server" });
    expect(refused).toContain("Saving a server element needs Manage Server");

    const saved = await saveElement(
      world,
      "mascot",
      { front: await world.image({}, "m.png") },
      { scope: "server", memberPermissions: OWNER_PERMISSIONS },
    );
    expect(saved).toContain("for everyone on this server");
    // another member sees it and can use it, but not delete or rename it
    expect((await autocomplete(world, "mas", other))[0]?.value).toBe("mascot");
    const { id: typing } = world.discord.sendAutocomplete({
      channelId: world.channelId,
      userId: other,
      name: "kling-element",
      subcommand: "delete",
      focused: "name",
      options: { name: "ma" },
    });
    const named = await world.discord.waitFor(() => world.discord.autocompleteChoices(typing), 5_000, "names");
    expect(named.map((c) => c.value)).toEqual(["mascot"]);
    const denied = await command(world, "kling-element", { name: "mascot" }, { subcommand: "delete", userId: other });
    expect(denied.content).toContain(
      "@mascot is a server element saved by someone else: deleting it needs Manage Server",
    );
    const renameDenied = await command(
      world,
      "kling-element",
      { name: "mascot", new_name: "mine" },
      { subcommand: "rename", userId: other },
    );
    expect(renameDenied.content).toContain("Only the member who saved @mascot or someone with Manage Server");
    const listed = await command(world, "kling-element", {}, { subcommand: "list", userId: other });
    expect(listed.content).toContain("@mascot — server (by ana)");

    // show posts its image privately
    const shown = await command(world, "kling-element", { name: "mascot" }, { subcommand: "show", userId: other });
    expect(shown.files.map((f) => f.filename)).toEqual(["mascot-front.png"]);

    const deleted = await command(
      world,
      "kling-element",
      { name: "mascot" },
      { subcommand: "delete", userId: other, memberPermissions: OWNER_PERMISSIONS },
    );
    expect(deleted.content).toBe("Deleted @mascot.");
    expect((await autocomplete(world, "mas")).map((c) => c.value)).toEqual([]);
  });

  it("saved and attached elements together obey the 4-input limit (refused, nothing sent)", async () => {
    const submitted = submits(world);
    const sent = await command(world, "kling-edit", {
      prompt: "@alice and @kim",
      video: await world.video(),
      elements: "alice, kim",
      element1: await world.image({}, "e1.png"),
      image1: await world.image({}, "i1.png"),
      image2: await world.image({}, "i2.png"),
    });
    expect(sent.content).toContain("3 elements + 2 images = 5; with a video Kling takes at most 4 in total: drop 1.");
    expect(submits(world)).toBe(submitted);
  });

  it("names are checked, unique per scope, and the server's library has a size cap", async () => {
    const bad = await saveElement(world, "element1", { front: await world.image({}, "e.png") });
    expect(bad).toContain("can't be a name");
    // member text echoed inert (the reply's mentions are off: checked by command())
    const hostile = await saveElement(world, "**<@&1>**", { front: await world.image({}, "e.png") });
    expect(hostile).toContain("@\\*\\*<@&1>\\*\\* can't be a name: a name is letters a–z");
    await saveElement(world, "zed", { front: await world.image({}, "z.png") });
    const twice = await saveElement(world, "ZED", { front: await world.image({}, "z.png") });
    expect(twice).toContain("You already have an element named @zed");

    await config(world, "limits", { element_library_mb: 0 });
    expect(await saveElement(world, "off", { front: await world.image({}, "o.png") })).toContain("turned off");
    await config(world, "limits", { element_library_mb: 1 });
    const big = world.discord.addAttachment({
      filename: "big.jpg",
      contentType: "image/jpeg",
      data: paddedJpeg(readFileSync(await makeImage({ width: 512, height: 512, format: "jpg" })), 1_100_000),
      width: 512,
      height: 512,
    });
    const full = await saveElement(world, "big", { front: big });
    expect(full).toContain("This server's element library is full");
  });
});
