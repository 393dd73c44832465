/**
 * Hard limits Discord enforces that the OpenAPI description does not encode (or encodes differently).
 * Source: discord-api-docs (message, embed, component, modal and application-command limits), as
 * summarised in shared/FACTS.md. Each check returns field errors in the shape of spec.ts.
 */
import type { FieldError } from "./spec.js";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const LIMITS = {
  contentChars: 2000,
  embeds: 10,
  embedTotalChars: 6000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthorName: 256,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  filesPerMessage: 10,
  threadName: 100,
  modalTitle: 45,
  textInputLabel: 45,
  textInputValue: 4000,
  modalComponents: 5,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandChoices: 25,
  /** a choice's name, and a string choice's value (discord-api-docs: Application Command Option Choice) */
  choiceChars: 100,
  stringOptionLength: 6000,
  commandTotalChars: 4000,
  globalChatInputCommands: 100,
  /** POST /attachments/refresh-urls: links per call (the docs' example is one; independent clients batch by 50) */
  refreshUrls: 50,
  fileUploadMaxValues: 10,
} as const;

/** IS_COMPONENTS_V2 message flag: top-level components are not limited to 5 action rows. */
const IS_COMPONENTS_V2 = 1 << 15;

const err = (path: (string | number)[], code: string, message: string): FieldError => ({
  path: path.map(String),
  code,
  message,
});

const len = (s: unknown): number => (typeof s === "string" ? [...s].length : 0);

/** Message-shaped bodies: channel messages, webhook executes/edits, interaction callback data. */
export function checkMessageLimits(body: Json, base: (string | number)[] = []): FieldError[] {
  const out: FieldError[] = [];
  if (!body || typeof body !== "object") return out;
  if (len(body.content) > LIMITS.contentChars) {
    out.push(err([...base, "content"], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.contentChars} or fewer in length.`));
  }
  if (Array.isArray(body.embeds)) {
    if (body.embeds.length > LIMITS.embeds) {
      out.push(err([...base, "embeds"], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.embeds} or fewer in length.`));
    }
    let total = 0;
    body.embeds.forEach((e: Json, i: number) => {
      if (!e || typeof e !== "object") return;
      const p = [...base, "embeds", i];
      const check = (v: unknown, max: number, sub: (string | number)[]) => {
        total += len(v);
        if (len(v) > max) out.push(err([...p, ...sub], "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`));
      };
      check(e.title, LIMITS.embedTitle, ["title"]);
      check(e.description, LIMITS.embedDescription, ["description"]);
      check(e.footer?.text, LIMITS.embedFooter, ["footer", "text"]);
      check(e.author?.name, LIMITS.embedAuthorName, ["author", "name"]);
      if (Array.isArray(e.fields)) {
        if (e.fields.length > LIMITS.embedFields) {
          out.push(err([...p, "fields"], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.embedFields} or fewer in length.`));
        }
        e.fields.forEach((f: Json, j: number) => {
          check(f?.name, LIMITS.embedFieldName, ["fields", j, "name"]);
          check(f?.value, LIMITS.embedFieldValue, ["fields", j, "value"]);
          if (!f?.name || !f?.value)
            out.push(err([...p, "fields", j], "BASE_TYPE_REQUIRED", "Field name and value are required"));
        });
      }
    });
    if (total > LIMITS.embedTotalChars) {
      out.push(
        err(
          [...base, "embeds"],
          "MAX_EMBED_SIZE_EXCEEDED",
          `Embed size exceeds maximum size of ${LIMITS.embedTotalChars}`,
        ),
      );
    }
  }
  if (Array.isArray(body.components))
    out.push(...checkComponents(body.components, Number(body.flags ?? 0), [...base, "components"]));
  if (Array.isArray(body.attachments) && body.attachments.length > LIMITS.filesPerMessage) {
    out.push(
      err([...base, "attachments"], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.filesPerMessage} or fewer in length.`),
    );
  }
  return out;
}

function checkComponents(components: Json[], flags: number, base: (string | number)[]): FieldError[] {
  const out: FieldError[] = [];
  const v2 = (flags & IS_COMPONENTS_V2) !== 0;
  if (!v2 && components.length > LIMITS.actionRows) {
    out.push(err(base, "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.actionRows} or fewer in length.`));
  }
  const ids = new Set<string>();
  const walk = (c: Json, p: (string | number)[]) => {
    if (!c || typeof c !== "object") return;
    if (typeof c.custom_id === "string") {
      if (len(c.custom_id) > LIMITS.customId) {
        out.push(err([...p, "custom_id"], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.customId} or fewer in length.`));
      }
      if (ids.has(c.custom_id))
        out.push(
          err([...p, "custom_id"], "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated"),
        );
      ids.add(c.custom_id);
    }
    if (c.type === 1 && Array.isArray(c.components)) {
      const buttons = c.components.filter((x: Json) => x?.type === 2).length;
      if (buttons > LIMITS.buttonsPerRow) {
        out.push(
          err([...p, "components"], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.buttonsPerRow} or fewer in length.`),
        );
      }
    }
    if (c.type === 2) {
      const isLink = c.style === 5;
      const isPremium = c.style === 6;
      if (isLink && !c.url) out.push(err([...p, "url"], "BUTTON_COMPONENT_URL_REQUIRED", "A url is required"));
      if (isLink && c.custom_id)
        out.push(err([...p, "custom_id"], "BUTTON_COMPONENT_LINK_CUSTOM_ID", "Link buttons cannot have a custom_id"));
      if (!isLink && !isPremium && !c.custom_id)
        out.push(err([...p, "custom_id"], "BUTTON_COMPONENT_CUSTOM_ID_REQUIRED", "A custom id is required"));
    }
    if (Array.isArray(c.components)) c.components.forEach((x: Json, i: number) => walk(x, [...p, "components", i]));
    if (c.accessory) walk(c.accessory, [...p, "accessory"]);
    if (c.component) walk(c.component, [...p, "component"]);
  };
  components.forEach((c, i) => walk(c, [...base, i]));
  return out;
}

/** Interaction callback type 9 (MODAL). */
export function checkModalLimits(data: Json): FieldError[] {
  const out: FieldError[] = [];
  if (!data || typeof data !== "object") return out;
  const base = ["data"];
  if (len(data.title) > LIMITS.modalTitle)
    out.push(err([...base, "title"], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.modalTitle} or fewer in length.`));
  if (!data.custom_id) out.push(err([...base, "custom_id"], "BASE_TYPE_REQUIRED", "This field is required"));
  if (len(data.custom_id) > LIMITS.customId)
    out.push(err([...base, "custom_id"], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.customId} or fewer in length.`));
  const comps: Json[] = Array.isArray(data.components) ? data.components : [];
  if (comps.length < 1 || comps.length > LIMITS.modalComponents) {
    out.push(
      err(
        [...base, "components"],
        "BASE_TYPE_BAD_LENGTH",
        `Must be between 1 and ${LIMITS.modalComponents} in length.`,
      ),
    );
  }
  const inputs: Array<[Json, (string | number)[]]> = [];
  comps.forEach((c, i) => {
    if (c?.type === 1 && Array.isArray(c.components))
      c.components.forEach((x: Json, j: number) => inputs.push([x, [...base, "components", i, "components", j]]));
    if (c?.type === 18 && c.component) {
      inputs.push([c.component, [...base, "components", i, "component"]]);
      if (len(c.label) > LIMITS.textInputLabel)
        out.push(
          err(
            [...base, "components", i, "label"],
            "BASE_TYPE_MAX_LENGTH",
            `Must be ${LIMITS.textInputLabel} or fewer in length.`,
          ),
        );
    }
  });
  const ids = new Set<string>();
  for (const [x, p] of inputs) {
    if (len(x?.custom_id) > LIMITS.customId)
      out.push(err([...p, "custom_id"], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.customId} or fewer in length.`));
    if (typeof x?.custom_id === "string") {
      if (ids.has(x.custom_id))
        out.push(
          err([...p, "custom_id"], "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated"),
        );
      ids.add(x.custom_id);
    }
    if (x?.type === 19) {
      const min = typeof x.min_values === "number" ? x.min_values : 1;
      const max = typeof x.max_values === "number" ? x.max_values : 1;
      if (min > max)
        out.push(err([...p, "min_values"], "COMPONENT_INVALID_MIN_MAX", "min_values must be less than max_values"));
      if (max > LIMITS.fileUploadMaxValues)
        out.push(err([...p, "max_values"], "NUMBER_TYPE_MAX", `int value should be <= ${LIMITS.fileUploadMaxValues}.`));
    }
    if (x?.type === 19 && !p.includes("component"))
      out.push(err(p, "COMPONENT_LAYOUT_INVALID", "A file upload must be inside a label"));
    if (x?.type === 4) {
      if (len(x.label) > LIMITS.textInputLabel)
        out.push(err([...p, "label"], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.textInputLabel} or fewer in length.`));
      if (len(x.value) > LIMITS.textInputValue)
        out.push(err([...p, "value"], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.textInputValue} or fewer in length.`));
      if (typeof x.max_length === "number" && x.max_length > LIMITS.textInputValue)
        out.push(err([...p, "max_length"], "NUMBER_TYPE_MAX", `int value should be <= ${LIMITS.textInputValue}.`));
    }
  }
  return out;
}

// Discord's documented regex for command and option names: ^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$
const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Discord's locales (https://discord.com/developers/docs/reference#locales): the keys a localization map may use. */
export const DISCORD_LOCALES: readonly string[] = [
  "id",
  "da",
  "de",
  "en-GB",
  "en-US",
  "es-ES",
  "es-419",
  "fr",
  "hr",
  "it",
  "lt",
  "hu",
  "nl",
  "no",
  "pl",
  "pt-BR",
  "ro",
  "fi",
  "sv-SE",
  "vi",
  "tr",
  "cs",
  "el",
  "bg",
  "ru",
  "uk",
  "hi",
  "th",
  "zh-CN",
  "ja",
  "zh-TW",
  "ko",
];

/**
 * `name_localizations` / `description_localizations`: keys are Discord locales, each value meets the rules of the
 * field it localizes (null leaves that locale on the default).
 */
function checkLocalizations(
  map: unknown,
  field: "name_localizations" | "description_localizations",
  check: (value: unknown, path: (string | number)[], out: FieldError[]) => void,
  p: (string | number)[],
  out: FieldError[],
) {
  if (map === undefined || map === null) return;
  if (typeof map !== "object" || Array.isArray(map)) {
    out.push(err([...p, field], "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType"));
    return;
  }
  for (const [locale, value] of Object.entries(map as Record<string, unknown>)) {
    if (!DISCORD_LOCALES.includes(locale)) {
      out.push(err([...p, field, locale], "LOCALE_INVALID", `Invalid locale: ${locale}`));
      continue;
    }
    if (value !== null) check(value, [...p, field, locale], out);
  }
}

/** The longest of a field's values over its default and its localizations: what counts toward the size limit. */
function longest(value: unknown, map: unknown): number {
  const values = map && typeof map === "object" ? Object.values(map as Record<string, unknown>) : [];
  return Math.max(len(value), ...values.map(len));
}

/** A localized name is checked as the name it stands for; errors name the localization's path. */
const localizedName = (lower: boolean) => (value: unknown, path: (string | number)[], out: FieldError[]) => {
  const found: FieldError[] = [];
  checkName(value, lower, path, found);
  out.push(...found.map((e) => ({ ...e, path: e.path.slice(0, -1) })));
};
const localizedDescription = (value: unknown, path: (string | number)[], out: FieldError[]) => {
  if (typeof value !== "string" || len(value) < 1 || len(value) > LIMITS.commandDescription)
    out.push(err(path, "BASE_TYPE_BAD_LENGTH", `Must be between 1 and ${LIMITS.commandDescription} in length.`));
};
const localizedChoiceName = (value: unknown, path: (string | number)[], out: FieldError[]) => {
  if (typeof value !== "string" || len(value) < 1 || len(value) > LIMITS.choiceChars)
    out.push(err(path, "BASE_TYPE_BAD_LENGTH", `Must be between 1 and ${LIMITS.choiceChars} in length.`));
};

function checkName(name: unknown, lower: boolean, p: (string | number)[], out: FieldError[]) {
  // user and message (context-menu) commands: 1–32 characters, mixed case and spaces allowed (the docs)
  if (!lower) {
    if (typeof name !== "string" || len(name) < 1 || len(name) > LIMITS.commandName)
      out.push(err([...p, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid"));
    return;
  }
  if (typeof name !== "string" || !NAME_RE.test(name)) {
    out.push(err([...p, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid"));
  } else if (lower && name !== name.toLowerCase()) {
    out.push(err([...p, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name must be lowercase"));
  }
}

function checkDescription(d: unknown, p: (string | number)[], out: FieldError[]) {
  if (typeof d !== "string" || len(d) < 1 || len(d) > LIMITS.commandDescription) {
    out.push(
      err(
        [...p, "description"],
        "BASE_TYPE_BAD_LENGTH",
        `Must be between 1 and ${LIMITS.commandDescription} in length.`,
      ),
    );
  }
}

// "When localization fields are present, only the longest localization for each field (including the default
// value) is counted towards the size limit" (the docs' application command limits)
function optionChars(o: Json): number {
  let n = longest(o?.name, o?.name_localizations) + longest(o?.description, o?.description_localizations);
  for (const c of o?.choices ?? []) n += longest(c?.name, c?.name_localizations) + len(String(c?.value ?? ""));
  for (const s of o?.options ?? []) n += optionChars(s);
  return n;
}

function checkOptions(options: Json[], p: (string | number)[], out: FieldError[], depth: number) {
  if (options.length > LIMITS.commandOptions) {
    out.push(err(p, "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.commandOptions} or fewer in length.`));
  }
  const names = new Set<string>();
  let seenOptional = false;
  options.forEach((o, i) => {
    const op = [...p, i];
    checkName(o?.name, true, op, out);
    checkDescription(o?.description, op, out);
    checkLocalizations(o?.name_localizations, "name_localizations", localizedName(true), op, out);
    checkLocalizations(o?.description_localizations, "description_localizations", localizedDescription, op, out);
    (Array.isArray(o?.choices) ? o.choices : []).forEach((c: Json, ci: number) =>
      checkLocalizations(c?.name_localizations, "name_localizations", localizedChoiceName, [...op, "choices", ci], out),
    );
    if (names.has(o?.name))
      out.push(err([...op, "name"], "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", "Option names must be unique"));
    names.add(o?.name);
    const isSub = o?.type === 1 || o?.type === 2;
    if (isSub) {
      if ((o.type === 2 && depth > 0) || (o.type === 1 && depth > 1)) {
        out.push(err([...op, "type"], "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Sub-command nesting is too deep"));
      }
      if (Array.isArray(o.options)) checkOptions(o.options, [...op, "options"], out, depth + 1);
      return;
    }
    if (o?.required) {
      if (seenOptional)
        out.push(
          err(
            [...op, "required"],
            "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
            "Required options must be placed before non-required options",
          ),
        );
    } else seenOptional = true;
    if (Array.isArray(o?.choices) && o.choices.length > LIMITS.commandChoices) {
      out.push(err([...op, "choices"], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.commandChoices} or fewer in length.`));
    }
    for (const k of ["min_length", "max_length"] as const) {
      const v = o?.[k];
      if (
        v !== undefined &&
        v !== null &&
        (typeof v !== "number" || v < (k === "min_length" ? 0 : 1) || v > LIMITS.stringOptionLength)
      ) {
        out.push(
          err(
            [...op, k],
            "NUMBER_TYPE_MAX",
            `Must be between ${k === "min_length" ? 0 : 1} and ${LIMITS.stringOptionLength}.`,
          ),
        );
      }
    }
  });
}

/** One command object from PUT/POST .../commands. */
export function checkCommandLimits(cmd: Json, base: (string | number)[] = []): FieldError[] {
  const out: FieldError[] = [];
  if (!cmd || typeof cmd !== "object") return [err(base, "BASE_TYPE_BAD_TYPE", "Expected an object")];
  const type = cmd.type ?? 1;
  checkName(cmd.name, type === 1, base, out);
  checkLocalizations(cmd.name_localizations, "name_localizations", localizedName(type === 1), base, out);
  if (type === 1) {
    checkDescription(cmd.description, base, out);
    checkLocalizations(cmd.description_localizations, "description_localizations", localizedDescription, base, out);
    if (Array.isArray(cmd.options)) checkOptions(cmd.options, [...base, "options"], out, 0);
    let total = longest(cmd.name, cmd.name_localizations) + longest(cmd.description, cmd.description_localizations);
    for (const o of cmd.options ?? []) total += optionChars(o);
    if (total > LIMITS.commandTotalChars)
      out.push(
        err(base, "APPLICATION_COMMAND_TOO_LARGE", `Command exceeds maximum size (${LIMITS.commandTotalChars})`),
      );
  } else {
    if (cmd.description)
      out.push(
        err(
          [...base, "description"],
          "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION",
          "Context menu commands cannot have a description",
        ),
      );
    if (Array.isArray(cmd.options) && cmd.options.length)
      out.push(
        err(
          [...base, "options"],
          "APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS",
          "Context menu commands cannot have options",
        ),
      );
  }
  return out;
}

export function checkCommandListLimits(list: Json[]): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  list.forEach((c, i) => {
    out.push(...checkCommandLimits(c, [i]));
    const key = `${c?.type ?? 1}:${c?.name}`;
    if (seen.has(key))
      out.push(err([i, "name"], "APPLICATION_COMMANDS_DUPLICATE_NAME", `Application command names must be unique`));
    seen.add(key);
  });
  if (list.filter((c) => (c?.type ?? 1) === 1).length > LIMITS.globalChatInputCommands) {
    out.push(
      err([], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.globalChatInputCommands} or fewer chat input commands.`),
    );
  }
  return out;
}

/** POST /attachments/refresh-urls (not in the OpenAPI file): `attachment_urls`, 1–50 strings. */
export function checkRefreshUrls(body: Json): FieldError[] {
  const urls = body?.attachment_urls;
  if (!Array.isArray(urls)) return [err(["attachment_urls"], "BASE_TYPE_REQUIRED", "This field is required")];
  const out: FieldError[] = [];
  if (urls.length < 1 || urls.length > LIMITS.refreshUrls)
    out.push(
      err(["attachment_urls"], "BASE_TYPE_BAD_LENGTH", `Must be between 1 and ${LIMITS.refreshUrls} in length.`),
    );
  urls.forEach((u, i) => {
    if (typeof u !== "string") out.push(err(["attachment_urls", i], "BASE_TYPE_BAD_TYPE", "Must be a string."));
  });
  return out;
}

export function checkThreadName(body: Json): FieldError[] {
  if (len(body?.name) > LIMITS.threadName || len(body?.name) < 1) {
    return [err(["name"], "BASE_TYPE_BAD_LENGTH", `Must be between 1 and ${LIMITS.threadName} in length.`)];
  }
  return [];
}

/** An autocomplete answer (callback type 8): at most 25 choices, names 1–100 characters, string values ≤ 100. */
export function checkAutocompleteLimits(data: Json): FieldError[] {
  const out: FieldError[] = [];
  const choices: Json[] = Array.isArray(data?.choices) ? data.choices : [];
  if (choices.length > LIMITS.commandChoices)
    out.push(err(["data", "choices"], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.commandChoices} or fewer in length.`));
  choices.forEach((choice, i) => {
    if (len(choice?.name) < 1 || len(choice?.name) > LIMITS.choiceChars)
      out.push(
        err(
          ["data", "choices", i, "name"],
          "BASE_TYPE_BAD_LENGTH",
          `Must be between 1 and ${LIMITS.choiceChars} in length.`,
        ),
      );
    if (typeof choice?.value === "string" && len(choice.value) > LIMITS.choiceChars)
      out.push(
        err(
          ["data", "choices", i, "value"],
          "BASE_TYPE_MAX_LENGTH",
          `Must be ${LIMITS.choiceChars} or fewer in length.`,
        ),
      );
  });
  return out;
}
