import { z } from "zod";
import { SNOWFLAKE } from "../snowflake.js";
import { splitCommaList } from "../text.js";

/**
 * How the environment variables that set every guild's defaults are read (each setting in settings.ts names its
 * variable and one of these; config.ts parses them with the rest of the environment).
 */

/** "a, b,,c" → ["a", "b", "c"]; unset → [] */
export const envList = z.string().optional().transform(splitCommaList);

export const envSnowflakeList = envList.pipe(
  z.array(z.string().regex(SNOWFLAKE, "each entry must be a Discord id (digits)")),
);

export const envChannelId = z.string().regex(SNOWFLAKE, "must be a Discord channel id (digits)").optional();

export const envBool = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no", "on", "off"], { error: "must be true or false" })
    .default(fallback ? "true" : "false")
    .transform((v) => ["true", "1", "yes", "on"].includes(v));
