import { optionsCommand } from "../src/interactions/command.js";
import { REFERENCE } from "../src/models/models.js";
import { sharedOptions, suggestElements } from "./options.js";

export const command = optionsCommand({
  data: {
    name: REFERENCE.command,
    name_localizations: REFERENCE.name_localizations,
    description: REFERENCE.description,
    description_localizations: REFERENCE.description_localizations,
    options: [...sharedOptions, ...REFERENCE.options],
  },
  atStake: "job",
  autocomplete: suggestElements,
  run: (interaction, ctx, args) => ctx.startJob(interaction, { kind: "reference", ...args }),
});
