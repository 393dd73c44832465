import { MessageFlags } from "discord.js";
import { subcommandsCommand, UserError } from "../../src/interactions/command.js";
import { remove } from "./delete.js";
import { list } from "./list.js";
import { rename } from "./rename.js";
import { save } from "./save.js";
import { show } from "./show.js";
import { named } from "../../src/i18n/commands.js";
import { say, suggestNames, type ElementSubcommand } from "./shared.js";

const SUBCOMMANDS = { save, list, show, rename, delete: remove } as const satisfies Record<string, ElementSubcommand>;

/** /kling-element: the character library (saved elements, used by name in /kling-edit and /kling-reference). */
export const command = subcommandsCommand({
  data: {
    ...named("kling-element", "cmd.kling-element"),
    options: Object.values(SUBCOMMANDS).map((sub) => sub.data),
  },
  atStake: "nothing",
  autocomplete: suggestNames,
  async run(interaction, ctx, subcommand) {
    const { guildId } = interaction;
    if (!guildId) throw new UserError(say(interaction)("guildOnly"));
    // every answer is private; saving downloads and reads up to 4 images, longer than Discord's 3 s
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await SUBCOMMANDS[subcommand as keyof typeof SUBCOMMANDS].run(Object.assign(interaction, { guildId }), ctx);
  },
});
