import { createInstance, type TOptions } from "i18next";
import { LANGUAGES, languageOf, TRANSLATED } from "./locales.js";
import { en, type Catalog } from "./catalogs/en.js";
import { de } from "./catalogs/de.js";
import { fr } from "./catalogs/fr.js";
import { es } from "./catalogs/es.js";
import { ptBR } from "./catalogs/pt-BR.js";
import { ja } from "./catalogs/ja.js";

export { languageOf } from "./locales.js";

export const CATALOGS: Readonly<Record<(typeof LANGUAGES)[number], Catalog>> = {
  en,
  de,
  fr,
  "es-ES": es,
  "pt-BR": ptBR,
  ja,
};

/** One i18next instance for the bot (not the global one), loaded synchronously from the bundled catalogs. */
const i18n = createInstance();
void i18n.init({
  initAsync: false,
  resources: Object.fromEntries(LANGUAGES.map((lng) => [lng, { translation: CATALOGS[lng] }])),
  supportedLngs: [...LANGUAGES],
  fallbackLng: "en",
  // Discord renders markdown, not HTML; member text is made inert by its callers (src/inert-text.ts)
  interpolation: { escapeValue: false, skipOnVariables: true },
  returnNull: false,
});

/** Values a message's placeholders take. */
export type Vars = Record<string, string | number>;

/** The message `key` in the language a Discord locale reads (English for any other locale or none). */
export function t(locale: string | null | undefined, key: string, vars: Vars = {}): string {
  const options: TOptions = { ...vars, lng: languageOf(locale) };
  return i18n.t(key, options) as string;
}

/** `t` bound to one reader's locale, for code that renders a whole message in one language. */
export type Say = (key: string, vars?: Vars) => string;
export const sayIn =
  (locale: string | null | undefined): Say =>
  (key, vars) =>
    t(locale, key, vars);

/** A Discord localization map: every Discord locale the translations serve → the text (English left out). */
export type LocalizationMap = Partial<Record<string, string>>;

export function localizations(key: string, vars: Vars = {}): LocalizationMap {
  const map: LocalizationMap = {};
  for (const [language, locales] of Object.entries(TRANSLATED)) {
    const text = i18n.t(key, { ...vars, lng: language }) as string;
    for (const locale of locales) map[locale] = text;
  }
  return map;
}

/**
 * A message kept to be rendered later in its reader's language (a job's failure, its inputs line): a catalog key
 * and its values, where a value may itself be a message, or a list of them.
 */
export interface Message {
  key: string;
  vars?: Readonly<Record<string, string | number | Message | List>>;
}

/** Items said as a list, separated as the reader's language separates them (`list.comma`, `list.semicolon`). */
export interface List {
  items: readonly Text[];
  by: "comma" | "semicolon";
}

/** A message, or text that is the same in every language (member text, fal's own words). */
export type Text = string | Message;

export function render(locale: string | null | undefined, text: Text): string {
  if (typeof text === "string") return text;
  const vars: Vars = {};
  for (const [name, value] of Object.entries(text.vars ?? {})) {
    vars[name] =
      typeof value !== "object"
        ? value
        : "items" in value
          ? value.items.map((item) => render(locale, item)).join(t(locale, `list.${value.by}`))
          : render(locale, value);
  }
  return t(locale, text.key, vars);
}

/** Sentences one after another, as the reader's language runs them on ("A. B." in English; no space in Japanese). */
export function sentences(texts: readonly Text[]): Text {
  const [first, ...rest] = texts;
  if (first === undefined) return "";
  return rest.length ? message("failure.sentences", { first, rest: sentences(rest) }) : first;
}

/** A message by its key and values (a shorthand). */
export const message = (key: string, vars?: Message["vars"]): Message => (vars ? { key, vars } : { key });

/**
 * An option's name as members see it in their command list ("image2" → "bild2" in German): its catalog message,
 * or the name as it is where the catalogs do not know it.
 */
export function optionMessage(name: string): Text {
  const numbered = /^(element|image)([1-9])(_ref)?$/.exec(name);
  if (numbered) return message(`cmd.option.${numbered[1]}${numbered[3] ?? ""}.name`, { n: Number(numbered[2]) });
  const key = `cmd.option.${name}.name`;
  return t("en", key) === name ? message(key) : name;
}

/** A violation's part: what src/media/types.ts Violation carries (its English, and its catalog key and values). */
export interface ViolationLike {
  message: string;
  key?: string | undefined;
  vars?: Readonly<Record<string, string | number>> | undefined;
}

/**
 * A violation (src/media/types.ts) in its reader's words, as a message kept for later: its catalog key
 * (`violation.<key>` unless it has a dot) with its values, where an `opt…` value is an option's name (as the
 * reader's command list shows it), a `…Key` value names a nested message ("" for none) that reads the values before it,
 * and a `…Keys` value comma-separated ones, said as a list; without a key, its English.
 */
export function violationMessage(violation: ViolationLike): Text {
  if (!violation.key) return violation.message;
  const plain: Record<string, string | number | Message | List> = {};
  const nested: [string, string | number][] = [];
  for (const [name, value] of Object.entries(violation.vars ?? {})) {
    if (name.endsWith("Key") || name.endsWith("Keys")) nested.push([name, value]);
    else plain[name] = name.startsWith("opt") ? optionMessage(String(value)) : value;
  }
  const vars = { ...plain };
  for (const [name, value] of nested) {
    const read = { ...vars };
    if (name.endsWith("Keys"))
      vars[name.slice(0, -4)] = {
        items: String(value)
          .split(",")
          .map((key) => message(key, read)),
        by: "comma",
      };
    else vars[name.slice(0, -3)] = value === "" ? "" : message(String(value), read);
  }
  return message(violation.key.includes(".") ? violation.key : `violation.${violation.key}`, vars);
}
