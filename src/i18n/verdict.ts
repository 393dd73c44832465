import { t, type Vars } from "./index.js";

/**
 * A check's answer (the set-up check's fal key, store and price): `detail` in English (the log), and — where the
 * catalogs have it — the same as `key` (a catalog key) and its `vars`, for a reader's language.
 */
export interface Verdict {
  ok: boolean;
  detail: string;
  key?: string;
  vars?: Vars;
}

/** A verdict whose English detail is the catalog's own. */
export const verdict = (ok: boolean, key: string, vars?: Vars): Verdict => ({
  ok,
  detail: t("en", key, vars),
  key,
  ...(vars ? { vars } : {}),
});

/** The verdict in `locale`'s language (its English detail where it has no key). */
export const verdictText = (locale: string | null | undefined, v: Verdict): string =>
  v.key ? t(locale, v.key, v.vars) : v.detail;
