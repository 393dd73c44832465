import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from "discord.js";
import { t } from "../i18n/index.js";

/** Buttons carry the job id, so a click (or a result message found after a crash) leads back to its job. */
export type JobAction = "cancel" | "retry" | "remix";

const PREFIX = "kling";

export function customId(action: JobAction, jobId: string): string {
  return `${PREFIX}:${action}:${jobId}`;
}

export function parseCustomId(id: string): { action: JobAction; jobId: string } | undefined {
  const match = id.match(/^kling:(cancel|retry|remix):([0-9a-f-]{36})$/);
  return match ? { action: match[1] as JobAction, jobId: match[2]! } : undefined;
}

const button = (
  action: JobAction,
  jobId: string,
  label: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Danger,
): APIButtonComponent => ({
  type: ComponentType.Button,
  custom_id: customId(action, jobId),
  label,
  style,
});

/** Cancel, in the language of the progress message it is on (`locale`: the job's). */
export function cancelRow(jobId: string, locale?: string): APIActionRowComponent<APIButtonComponent> {
  const cancel = button("cancel", jobId, t(locale, "buttons.cancel"), ButtonStyle.Danger);
  return { type: ComponentType.ActionRow, components: [cancel] };
}

/** Retry and Remix, and any extra button after them (Share to showcase), in the result's language (the job's). */
export function resultRow(
  jobId: string,
  extra: readonly APIButtonComponent[] = [],
  locale?: string,
): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      button("retry", jobId, t(locale, "buttons.retry"), ButtonStyle.Secondary),
      button("remix", jobId, t(locale, "buttons.remix"), ButtonStyle.Primary),
      ...extra,
    ],
  };
}

/** The job a bot message belongs to, read from its buttons. */
export function jobIdOfMessage(message: { components?: unknown }): string | undefined {
  const rows = (message.components ?? []) as { components?: { custom_id?: string }[] }[];
  for (const row of rows) {
    for (const component of row.components ?? []) {
      const parsed = component.custom_id ? parseCustomId(component.custom_id) : undefined;
      if (parsed) return parsed.jobId;
    }
  }
  return undefined;
}
