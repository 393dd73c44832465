/**
 * Saved elements' names: what a name may be (it is typed as `@name` in prompts), how the `elements` option lists
 * them, and how a prompt's `@name` becomes `@ElementN`. Pure.
 */
import { message, render, type Message } from "../i18n/index.js";

export const ELEMENT_NAME_LIMITS = { minChars: 2, maxChars: 32 } as const;

/** lower-case letters, digits, `_` and `-`, starting with a letter: a whole word after `@` in a prompt */
const NAME = /^[a-z][a-z0-9_-]*$/;
/** the names the prompt already gives the inputs (`@Element1`, `@Image2`, `@Video1`) */
const RESERVED = /^(element|image|video)\d*$/;

/** Why a name cannot be used (member-facing, in any language), or undefined when it can. Compared lower-cased. */
export function nameProblemMessage(name: string): Message | undefined {
  const { minChars, maxChars } = ELEMENT_NAME_LIMITS;
  if (name.length < minChars || name.length > maxChars)
    return message("element.nameLength", { min: minChars, max: maxChars });
  if (!NAME.test(name)) return message("element.nameChars");
  if (RESERVED.test(name)) return message("element.nameReserved");
  return undefined;
}

/** Why a name cannot be used, in English, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  const problem = nameProblemMessage(name);
  return problem && render("en", problem);
}

export const normalizeName = (name: string): string => name.trim().replace(/^@/, "").toLowerCase();

/** The `elements` option: comma-separated names (with or without `@`), normalized, each once, in order. */
export function parseElementList(raw: string | undefined): string[] {
  if (!raw) return [];
  const names = raw
    .split(",")
    .map(normalizeName)
    .filter((name) => name.length > 0);
  return [...new Set(names)];
}

/** For autocomplete: the names already complete (before the last comma) and the part being typed. */
export function splitForCompletion(raw: string): { done: string[]; typing: string } {
  const parts = raw.split(",");
  const typing = normalizeName(parts.pop() ?? "");
  return { done: parts.map(normalizeName).filter((name) => name.length > 0), typing };
}

/**
 * `@name` → `@ElementN` for each saved element placed at a slot; a longer name is never cut (`@alice2` is not
 * `@alice`), and case does not matter. Other `@words` are left as they are.
 */
export function rewriteMentions(prompt: string, slots: ReadonlyMap<string, number>): string {
  if (slots.size === 0) return prompt;
  return prompt.replace(/(?<![\w@])@([A-Za-z][A-Za-z0-9_-]*)/g, (whole, name: string) => {
    const slot = slots.get(name.toLowerCase());
    return slot === undefined ? whole : `@Element${slot}`;
  });
}
