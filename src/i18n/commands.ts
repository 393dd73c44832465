import { localizations, optionMessage, render, t, type LocalizationMap, type Vars } from "./index.js";

/**
 * Command JSON with Discord's localization fields, from the catalogs' `cmd` section: `key` names an entry with a
 * `name` and a `description`. The English name is the registered name; it must match the catalog's (checked here,
 * at load), so a renamed option cannot silently lose its translations.
 */
export function named<const N extends string>(
  name: N,
  key: string,
  vars: Vars = {},
): { name: N; name_localizations: LocalizationMap; description: string; description_localizations: LocalizationMap } {
  const english = t("en", `${key}.name`, vars);
  if (english !== name)
    throw new Error(`${key}.name is "${english}" in the English catalog, but the command says "${name}"`);
  return {
    name,
    name_localizations: localizations(`${key}.name`, vars),
    description: t("en", `${key}.description`, vars),
    description_localizations: localizations(`${key}.description`, vars),
  };
}

/** A choice's display name (its value never changes): English, and every translation. */
export function choiceName(key: string, vars: Vars = {}): { name: string; name_localizations: LocalizationMap } {
  return { name: t("en", key, vars), name_localizations: localizations(key, vars) };
}

/** An option's name as members of `locale` see it in their command list ("image2" → "bild2" in German). */
export const optionName = (locale: string | null | undefined, name: string): string =>
  render(locale, optionMessage(name));

/** A message (context-menu) command's name: English, and every translation. */
export function menuName<const N extends string>(
  name: N,
  key: string,
): { name: N; name_localizations: LocalizationMap } {
  if (t("en", key) !== name) throw new Error(`${key} is not "${name}" in the English catalog`);
  return { name, name_localizations: localizations(key) };
}
