import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from "discord.js";
import { t } from "../i18n/index.js";

/**
 * The showcase's buttons: "Share to showcase" on a result, ⭐ on a showcase post. Their ids have a prefix of their
 * own (not the job buttons' `kling:`), so a showcase post is never taken for the job's result after a restart.
 */
export type ShowcaseAction = "share" | "star";

export const showcaseCustomId = (action: ShowcaseAction, jobId: string) => `kling-showcase:${action}:${jobId}`;

export function parseShowcaseCustomId(id: string): { action: ShowcaseAction; jobId: string } | undefined {
  const match = id.match(/^kling-showcase:(share|star):([0-9a-f-]{36})$/);
  return match ? { action: match[1] as ShowcaseAction, jobId: match[2]! } : undefined;
}

/** "Share to showcase", in the language of the result it is on (`locale`: the job's). */
export function shareButton(jobId: string, locale?: string): APIButtonComponent {
  return {
    type: ComponentType.Button,
    custom_id: showcaseCustomId("share", jobId),
    label: t(locale, "showcase.shareButton"),
    style: ButtonStyle.Success,
  };
}

/** The ⭐ button with the post's star count as its label. */
export function starRow(jobId: string, count: number): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        custom_id: showcaseCustomId("star", jobId),
        emoji: { name: "⭐" },
        label: String(count),
        style: ButtonStyle.Secondary,
      },
    ],
  };
}
