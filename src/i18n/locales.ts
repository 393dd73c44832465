/**
 * The languages the bot speaks, by catalog, and the Discord locales each serves
 * (https://discord.com/developers/docs/reference#locales). Any other locale gets English.
 */
export const LANGUAGES = ["en", "de", "fr", "es-ES", "pt-BR", "ja"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The catalogs other than the source language (English), and the Discord locales each one serves. */
export const TRANSLATED: Readonly<Record<Exclude<Language, "en">, readonly string[]>> = {
  de: ["de"],
  fr: ["fr"],
  "es-ES": ["es-ES", "es-419"],
  "pt-BR": ["pt-BR"],
  ja: ["ja"],
};

const BY_LOCALE = new Map<string, Language>(
  Object.entries(TRANSLATED).flatMap(([language, locales]) =>
    locales.map((locale) => [locale.toLowerCase(), language as Language]),
  ),
);

/** The catalog a Discord locale reads ("es-419" → "es-ES", "en-GB" or "xx" or none → "en"). */
export function languageOf(locale: string | null | undefined): Language {
  return (locale && BY_LOCALE.get(locale.toLowerCase())) || "en";
}
