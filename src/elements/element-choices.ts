import type { APIApplicationCommandOptionChoice } from "discord.js";
import { t } from "../i18n/index.js";
import { truncate } from "../text.js";
import type { SavedElement } from "./element-library.js";
import { splitForCompletion } from "./element-names.js";

/** Discord: at most 25 choices, names and string values 1–100 characters. */
const MAX_CHOICES = 25;
const MAX_CHOICE_CHARS = 100;

/**
 * Autocomplete for a comma-separated list of element names: the names already typed are kept, the last one is
 * completed from the elements the member can use (their own first, then the server's), none listed twice; each
 * described in the member's language (`locale`).
 */
export function elementChoices(
  visible: readonly SavedElement[],
  userId: string,
  typed: string,
  locale?: string,
): APIApplicationCommandOptionChoice<string>[] {
  const { done, typing } = splitForCompletion(typed);
  const taken = new Set(done);
  const mine = (e: SavedElement) => (e.scope === "me" && e.ownerId === userId ? 0 : 1);
  const candidates = [...visible]
    .filter((e) => !taken.has(e.name) && e.name.startsWith(typing))
    .sort((a, b) => mine(a) - mine(b) || a.name.localeCompare(b.name));
  const seen = new Set<string>();
  const choices: APIApplicationCommandOptionChoice<string>[] = [];
  for (const element of candidates) {
    if (seen.has(element.name)) continue; // the member's own hides the server's of the same name
    seen.add(element.name);
    const value = [...done, element.name].join(", ");
    if (value.length > MAX_CHOICE_CHARS) continue;
    const key = element.scope === "server" ? "element.choiceServer" : "element.choiceMine";
    const name = t(locale, key, { value, count: 1 + element.references.length });
    choices.push({ name: truncate(name, MAX_CHOICE_CHARS), value });
    if (choices.length === MAX_CHOICES) break;
  }
  return choices;
}
