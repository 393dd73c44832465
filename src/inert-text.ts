import { escapeMarkdown } from "discord.js";
import { truncate } from "./text.js";

/** Member text made inert for Discord: every layer that echoes it (render, fal's errors, the showcase) uses these. */

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * Member text (a prompt) as one line that Discord shows exactly as typed: no bold/italic/code/spoilers
 * (discord.js `escapeMarkdown`), no masked links `[x](url)` (every bracket escaped: `escapeMarkdown`'s own
 * option misses a second link on the line), and no heading, `-#` subtext, list or block quote at its start (one
 * line, so only the start can open one); bare links are wrapped in <> so they get no preview card. Cut to `max`
 * characters before escaping, so an escape is never cut in half; the result is at most about twice as long.
 * Mentions are disabled separately (NO_MENTIONS).
 */
export function inertUserText(text: string, max: number): string {
  const escaped = escapeMarkdown(truncate(oneLine(text), max))
    .replace(/[[\]]/g, "\\$&")
    // a bare link in a message's content gets a preview card: <link> shows it as a plain link
    .replace(/(?<!<)\bhttps?:\/\/[^\s<>()]+(?<![.,;:!?])/gi, "<$&>");
  return escaped.replace(/^(?=>|#|-# |[-+] )/, "\\").replace(/^(\d+)\. /, "$1\\. ");
}

/** Member text for places that show plain text (thread names): one line without markdown's characters at all. */
export function plainUserText(text: string, max: number): string {
  return truncate(oneLine(text.replace(/[\\`*_~|>#[\]]/g, " ")), max);
}
