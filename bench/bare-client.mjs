// P1's floor: a bare discord.js Client, as the bot makes it (Guilds intent, the same REST options), that only defers
// each command — no checks, no jobs — so the bench shows how much of the acknowledgement time is discord.js, the
// emulator and the machine, and how much is the bot's. Its edit (what the bench waits for) comes 2 s later, after the
// burst. Forked by bench/world.ts like bench/bot-child.mjs, with the same environment.
import { Client, GatewayIntentBits, MessageFlags } from "discord.js";

const EDIT_AFTER_MS = 2_000;
const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  rest: { api: process.env.DISCORD_API_URL, globalRequestsPerSecond: 500 },
});
client.on("interactionCreate", (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  void interaction
    .deferReply({ flags: MessageFlags.Ephemeral })
    .then(() => setTimeout(() => void interaction.editReply({ content: "Started! (bare client)" }), EDIT_AFTER_MS));
});
client.once("clientReady", () => process.send?.({ type: "ready", startMs: 0, loggedInAt: Date.now() }));
process.on("message", (m) => {
  if (m.type === "stop") void client.destroy().finally(() => process.exit(0));
});
await client.login(process.env.DISCORD_TOKEN);
