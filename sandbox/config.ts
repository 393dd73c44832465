import { z } from "zod";

/** The sandbox's own settings (the bot inside it gets only its documented configuration, made by world.ts). */
export const sandboxConfigSchema = z.object({
  /** where the page is served, on 127.0.0.1 only; 0 picks a free port */
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(3210),
  /** where the sample clips are made once and kept (data/ is not committed) */
  SANDBOX_DATA_DIR: z.string().min(1).default("data/sandbox"),
  /** the bot's log level, shown on the page */
  SANDBOX_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace"]).default("info"),
});

export type SandboxConfig = z.infer<typeof sandboxConfigSchema>;

export function loadSandboxConfig(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  const parsed = sandboxConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`sandbox configuration: ${problems}`);
  }
  return parsed.data;
}
