import type { APIApplicationCommandBasicOption } from "discord.js";
import type { z } from "zod";
import type { Say, Vars } from "../i18n/index.js";

/** The settings object as a setting's description sees the others (loosely typed: a declaration cannot name the type it helps define). */
export type SettingsView = Readonly<Record<string, unknown>>;

/** A basic option's value as the handler reads it (a channel or role option: its id). */
export type OptionValue = string | number | boolean;

/** The environment variable that sets every guild's default for the setting. */
export interface EnvDefault<T, N extends string, E extends z.ZodType> {
  /** the variable (README: "Defaults for every server (environment)") */
  name: N;
  /** how it is parsed; config.ts parses it with the rest of the environment */
  schema: E;
  /** the parsed variable as the setting's value; without it, the value as parsed */
  toSetting?: (parsed: z.output<E>) => T;
}

/** `/kling-config <subcommand> <option>:` sets the setting to the option's value. */
export interface ValueCommand<T> {
  subcommand: string;
  option: APIApplicationCommandBasicOption;
  /** the option's value (undefined: not given) as the setting's (undefined: left as it is); without it, as given */
  read?: (given: OptionValue | undefined) => T | undefined;
}

/** `/kling-config <subcommand> action:add|remove|clear <item>:` edits the list, up to `max` entries. */
export interface ListCommand {
  subcommand: string;
  item: APIApplicationCommandBasicOption;
  /** the item option's value (undefined: not given) as entries, or what is wrong with it (a catalog key and its values) */
  entries: (given: string | undefined) => string[] | { problem: string; vars?: Vars };
  max: number;
}

/** Set only by subcommands that give it a fixed value (pause / resume), declared with those subcommands. */
export interface FixedCommand {
  subcommands: readonly string[];
}

export type SettingCommand<T> = ValueCommand<T> | ListCommand | FixedCommand;

/** Everything about one server setting; settings.ts derives the rest from these. */
export interface SettingDeclaration<T, N extends string = string, E extends z.ZodType = z.ZodType> {
  /** as /kling-config shows it and as `reset setting:` names it */
  label: string;
  /** what an owner may store */
  schema: z.ZodType<T>;
  /** the environment's default… */
  env?: EnvDefault<T, N, E>;
  /** …or, for a setting no variable sets, its default */
  fallback?: T;
  /** the value as `/kling-config show` says it, in `say`'s language (channel and role mentions never ping) */
  describe: (value: T, settings: SettingsView, say: Say) => string;
  /** shown as part of another setting's line (pausedReason in Paused), not on a line of its own */
  shownIn?: string;
  /** `reset setting:` offers it on its own (false: only `reset setting:all` returns it to the default) */
  resettable?: boolean;
  command: SettingCommand<T>;
}

/** Declares a setting (the identity, typed: the value type comes from the schema, the variable's name stays literal). */
export function setting<T, const N extends string = never, E extends z.ZodType = never>(
  declaration: SettingDeclaration<T, N, E>,
): SettingDeclaration<T, N, E> {
  return declaration;
}

export const isListCommand = (command: SettingCommand<unknown>): command is ListCommand => "item" in command;
export const isValueCommand = (command: SettingCommand<unknown>): command is ValueCommand<unknown> =>
  "option" in command;
