// `npm run sandbox`: the bot against local stand-ins of Discord and fal, and a page that plays a Discord channel.
import { loadSandboxConfig } from "./config.js";
import { startSandbox } from "./server.js";

const config = loadSandboxConfig();
console.log("Starting the sandbox (the first run makes its sample clips with ffmpeg)…");
const sandbox = await startSandbox({
  port: config.SANDBOX_PORT,
  dataDir: config.SANDBOX_DATA_DIR,
  logLevel: config.SANDBOX_LOG_LEVEL,
});
console.log(`Kling sandbox: open ${sandbox.url} — no account, no key; everything runs on this machine.`);
console.log("Press Ctrl+C to stop.");

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  sandbox.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error("the sandbox did not stop cleanly:", error);
      process.exit(1);
    },
  );
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
