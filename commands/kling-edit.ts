import { optionsCommand } from "../src/interactions/command.js";
import { EDIT } from "../src/models/models.js";
import { sharedOptions, suggestElements } from "./options.js";

export const command = optionsCommand({
  data: {
    name: EDIT.command,
    name_localizations: EDIT.name_localizations,
    description: EDIT.description,
    description_localizations: EDIT.description_localizations,
    options: [...sharedOptions, ...EDIT.options],
  },
  atStake: "job",
  autocomplete: suggestElements,
  run: (interaction, ctx, args) => ctx.startJob(interaction, { kind: "edit", ...args }),
});
