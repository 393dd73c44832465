import { describe, expect, it } from "vitest";
import { loadCommands } from "../../commands/index.js";
import type { SlashCommand } from "../../src/interactions/command.js";

const SHARED = [
  "prompt",
  "video",
  "video_url",
  "element1",
  "element2",
  "element3",
  "element4",
  "element1_ref",
  "element2_ref",
  "element3_ref",
  "element4_ref",
  "image1",
  "image2",
  "image3",
  "image4",
  "elements",
  "keep_audio",
  "quality",
];

describe("command definitions", () => {
  const loaded = loadCommands();
  const commands = {
    get(name: string): SlashCommand | undefined {
      const command = loaded.get(name);
      return command?.kind === "slash" ? command : undefined;
    },
  };

  it("registers /kling-edit and /kling-reference with the contracted option names", () => {
    expect([...loaded.keys()]).toEqual([
      "kling-edit",
      "kling-reference",
      "kling-element",
      "kling-config",
      "kling-usage",
      "kling-help",
      "Edit with Kling",
      "kling-showcase",
    ]);
    expect(commands.get("kling-edit")!.data.options.map((o) => o.name)).toEqual(SHARED);
    expect(commands.get("kling-reference")!.data.options.map((o) => o.name)).toEqual([
      ...SHARED,
      "aspect_ratio",
      "duration",
    ]);
  });

  it("registers /kling-element with its subcommands; `elements` and the element names autocomplete", () => {
    const element = commands.get("kling-element")!;
    const subs = element.data.options as readonly { name: string; options?: readonly { name: string }[] }[];
    expect(subs.map((s) => s.name)).toEqual(["save", "list", "show", "rename", "delete"]);
    expect(subs[0]!.options!.map((o) => o.name)).toEqual(["name", "front", "ref1", "ref2", "ref3", "scope"]);
    expect(element.autocomplete).toBeTypeOf("function");
    for (const name of ["kling-edit", "kling-reference"]) {
      const options = commands.get(name)!.data.options as readonly { name: string; autocomplete?: boolean }[];
      expect(options.find((o) => o.name === "elements")).toMatchObject({ autocomplete: true });
      expect(commands.get(name)!.autocomplete).toBeTypeOf("function");
    }
  });

  it("keeps Discord's rules: ≤25 options, required first, prompt length-limited, choices as documented", () => {
    for (const command of [commands.get("kling-edit")!, commands.get("kling-reference")!]) {
      const options = command.data.options as readonly { required?: boolean; name: string }[];
      expect(options.length).toBeLessThanOrEqual(25);
      const firstOptional = options.findIndex((o) => !o.required);
      expect(options.slice(firstOptional).every((o) => !o.required)).toBe(true);
      expect(options[0]).toMatchObject({ name: "prompt", required: true, max_length: 2500 });
    }
    const reference = commands.get("kling-reference")!.data.options as readonly {
      name: string;
      choices?: { value: unknown }[];
    }[];
    expect(reference.find((o) => o.name === "aspect_ratio")!.choices!.map((c) => c.value)).toEqual([
      "auto",
      "16:9",
      "9:16",
      "1:1",
    ]);
    expect(reference.find((o) => o.name === "duration")!.choices!.map((c) => c.value)).toEqual([
      3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    ]);
    for (const command of [commands.get("kling-edit")!, commands.get("kling-reference")!]) {
      const quality = (
        command.data.options as readonly { name: string; required?: boolean; choices?: { value: unknown }[] }[]
      ).find((o) => o.name === "quality")!;
      expect(quality.required).toBeUndefined(); // optional: standard by default
      expect(quality.choices!.map((c) => c.value)).toEqual(["standard", "pro"]);
    }
  });

  it("registers Edit with Kling as a message context-menu command (no description, no options)", () => {
    expect(loaded.get("Edit with Kling")).toMatchObject({
      kind: "message",
      data: { name: "Edit with Kling", type: 3 },
    });
  });

  it("rejects a malformed command module at load", () => {
    expect(() =>
      loadCommands([
        {
          kind: "slash",
          data: { name: "Bad Name", description: "x", options: [] },
          atStake: "nothing",
          execute: async () => {},
        },
      ]),
    ).toThrow();
  });
});
