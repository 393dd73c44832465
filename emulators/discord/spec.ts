/**
 * Request-body validation against Discord's official OpenAPI 3.1 description.
 *
 * Schemas are taken from `paths[template][method].requestBody.content["application/json"].schema`
 * (multipart `payload_json` is validated against the same JSON schema), `$ref`s are resolved
 * against `#/components/schemas`, compiled lazily with Ajv's 2020-12 build and cached per route.
 *
 * Where the spec contradicts Discord's documentation (the docs win, as the spec README says),
 * the schema is patched in SPEC_PATCHES below; every patch names what real traffic needs it.
 */
import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import _Ajv2020 from "ajv/dist/2020.js";
import _addFormats from "ajv-formats";
import type { ErrorObject, ValidateFunction } from "ajv";

// ajv / ajv-formats are CommonJS with `exports.default`; under NodeNext the default import is the module object.
type AjvCtor = new (opts: Record<string, unknown>) => {
  addSchema(schema: unknown, key?: string): unknown;
  addFormat(name: string, format: unknown): unknown;
  compile(schema: unknown): ValidateFunction;
};
const Ajv2020 = ((_Ajv2020 as unknown as { default?: AjvCtor }).default ?? _Ajv2020) as unknown as AjvCtor;
const addFormats = ((_addFormats as unknown as { default?: unknown }).default ?? _addFormats) as (ajv: unknown) => void;

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * The spec vendored beside this file (a copy of shared/discord-api-spec, MIT), so CI on a clean clone has it;
 * then shared/ relative to this folder.
 */
export function defaultSpecPath(): string {
  const candidates = [
    path.resolve(HERE, "discord-api-spec/openapi.json"),
    path.resolve(HERE, "../../../shared/discord-api-spec/openapi.json"), // /work/main/emulators/discord -> /work/shared
    path.resolve(HERE, "openapi.json"),
  ];
  for (const c of candidates) if (existsSync(c)) return c;
  throw new Error(`Discord OpenAPI spec not found (tried ${candidates.join(", ")}); pass specPath`);
}

export interface FieldError {
  /** JSON pointer-ish path inside the body, e.g. ["embeds", "0", "title"]. */
  path: string[];
  code: string;
  message: string;
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const DEFAULT_MEMBER_PERMISSIONS_DOCS = {
  // Docs: "default_member_permissions ?string Set of permissions represented as a bit set".
  // discord.js' SlashCommandBuilder sends it as a string ("8"); the spec says integer.
  type: ["string", "integer", "null"],
  pattern: "^[0-9]+$",
};

/** Spec corrections (docs win). Each mutates a deep copy of components.schemas. */
const SPEC_PATCHES: Array<{ why: string; apply: (schemas: Record<string, Json>) => void }> = [
  {
    why: "default_member_permissions is a string in the docs and in discord.js builders",
    apply: (schemas) => {
      for (const [name, s] of Object.entries(schemas)) {
        if (/^ApplicationCommand(Create|Update|Patch)Request/.test(name) && s?.properties?.default_member_permissions) {
          s.properties.default_member_permissions = DEFAULT_MEMBER_PERMISSIONS_DOCS;
        }
      }
    },
  },
];

export class SpecValidator {
  private readonly doc: Json;
  private readonly ajv: InstanceType<AjvCtor>;
  private readonly cache = new Map<string, ValidateFunction[] | null>();

  constructor(specPath: string = defaultSpecPath()) {
    this.doc = JSON.parse(readFileSync(specPath, "utf8"));
    const schemas = structuredClone(this.doc.components.schemas) as Record<string, Json>;
    for (const p of SPEC_PATCHES) p.apply(schemas);
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addFormat("snowflake", /^(0|[1-9][0-9]*)$/);
    this.ajv.addFormat("nonce", true);
    this.ajv.addFormat("int32", {
      type: "number",
      validate: (n: number) => Number.isInteger(n) && n <= 2147483647 && n >= -2147483648,
    });
    this.ajv.addSchema({ $id: "discord-openapi", components: { schemas } });
  }

  /** The OpenAPI path templates this spec knows (e.g. "/channels/{channel_id}/messages"). */
  hasOperation(template: string, method: string): boolean {
    return Boolean(this.doc.paths?.[template]?.[method.toLowerCase()]);
  }

  /** Whether the operation declares a required request body. */
  requiresBody(template: string, method: string): boolean {
    return Boolean(this.doc.paths?.[template]?.[method.toLowerCase()]?.requestBody?.required);
  }

  private compileRef(schema: Json): ValidateFunction {
    return this.ajv.compile(
      JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"discord-openapi#/components/schemas/')),
    );
  }

  /**
   * One validator per union branch when the body schema is a top-level anyOf/oneOf (callbacks, webhook
   * executes, thread creation), so errors come from the branch that fits best instead of every branch.
   */
  private validatorsFor(template: string, method: string): ValidateFunction[] | null {
    const key = `${method.toUpperCase()} ${template}`;
    if (this.cache.has(key)) return this.cache.get(key) ?? null;
    const op = this.doc.paths?.[template]?.[method.toLowerCase()];
    const schema = op?.requestBody?.content?.["application/json"]?.schema;
    let fns: ValidateFunction[] | null = null;
    if (schema) {
      const union: Json[] | undefined = schema.anyOf ?? schema.oneOf;
      fns =
        union && Object.keys(schema).every((k) => ["anyOf", "oneOf", "x-discord-union"].includes(k))
          ? union.map((b) => this.compileRef(b))
          : [this.compileRef(schema)];
    }
    this.cache.set(key, fns);
    return fns;
  }

  /** Returns [] when the body is acceptable (or the route has no JSON body schema). */
  validate(template: string, method: string, body: unknown): FieldError[] {
    const fns = this.validatorsFor(template, method);
    if (!fns) return [];
    let best: FieldError[] | null = null;
    for (const fn of fns) {
      if (fn(body)) return [];
      const errs = condenseAjvErrors(fn.errors ?? []);
      if (!best || errs.length < best.length) best = errs;
    }
    return best ?? [];
  }

  /** Checks a value against one of the spec's `components.schemas` (e.g. a response object the emulator builds). */
  validateComponent(name: string, value: unknown): FieldError[] {
    const key = `component:${name}`;
    let fns = this.cache.get(key);
    if (fns === undefined) {
      fns = this.doc.components.schemas[name]
        ? [this.ajv.compile({ $ref: `discord-openapi#/components/schemas/${name}` })]
        : null;
      this.cache.set(key, fns);
    }
    if (!fns) throw new Error(`the spec has no schema ${name}`);
    const [fn] = fns as [ValidateFunction];
    return fn(value) ? [] : condenseAjvErrors(fn.errors ?? []);
  }
}

function ajvCode(e: ErrorObject): string {
  switch (e.keyword) {
    case "maxLength":
    case "maxItems":
    case "maxProperties":
      return "BASE_TYPE_MAX_LENGTH";
    case "minLength":
    case "minItems":
      return "BASE_TYPE_MIN_LENGTH";
    case "required":
      return "BASE_TYPE_REQUIRED";
    case "type":
      return "BASE_TYPE_BAD_TYPE";
    case "enum":
    case "const":
      return "BASE_TYPE_CHOICES";
    case "maximum":
      return "NUMBER_TYPE_MAX";
    case "minimum":
      return "NUMBER_TYPE_MIN";
    default:
      return "BASE_TYPE_INVALID";
  }
}

/**
 * Ajv reports every failing branch of oneOf/anyOf. Keep the most specific (deepest) errors, drop the
 * union-level summaries when a deeper error exists, and de-duplicate.
 */
function condenseAjvErrors(errors: ErrorObject[]): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  const concrete = errors.filter((e) => !["oneOf", "anyOf", "allOf", "if"].includes(e.keyword));
  const list = concrete.length ? concrete : errors;
  for (const e of list) {
    const p = e.instancePath
      .split("/")
      .slice(1)
      .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
    if (e.keyword === "required") p.push(String((e.params as { missingProperty?: string }).missingProperty));
    const message = e.keyword === "required" ? "This field is required" : `${e.message ?? "invalid"} (${e.schemaPath})`;
    const key = `${p.join(".")}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: p, code: ajvCode(e), message });
  }
  return out;
}

/** Builds Discord's nested `errors` object: {content: {_errors: [{code, message}]}}. */
export function toDiscordErrors(errors: FieldError[]): Record<string, unknown> {
  const root: Record<string, any> = {}; // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const e of errors) {
    let node = root;
    for (const seg of e.path) node = node[seg] ??= {};
    (node._errors ??= []).push({ code: e.code, message: e.message });
  }
  return root;
}
