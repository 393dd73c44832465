import {
  ApplicationCommandType,
  FileUploadBuilder,
  LabelBuilder,
  ModalBuilder,
  PermissionFlagsBits,
  TextInputBuilder,
  TextInputStyle,
} from "discord.js";
import { UserError, type MessageCommand } from "../src/interactions/command.js";
import { REQUEST_LIMITS } from "../src/media/limits.js";
import type { AttachmentLike } from "../src/requests/kling-request.js";
import { videoOfMessage } from "../src/requests/message-video.js";
import { menuName } from "../src/i18n/commands.js";
import { t, type Vars } from "../src/i18n/index.js";

const MODAL_PREFIX = "edit-with-kling";
/** the style/appearance images the form takes: @Image1…@Image4, as /kling-edit's image1…image4 */
const MAX_FORM_IMAGES = REQUEST_LIMITS.maxImages;
const SNOWFLAKE = "\\d{1,20}";
const MODAL_ID = new RegExp(`^${MODAL_PREFIX}:(${SNOWFLAKE}):(${SNOWFLAKE})$`);

/** The form's custom id: the message it edits and its channel (the video itself waits in the store). */
export const editModalId = (channelId: string, messageId: string) => `${MODAL_PREFIX}:${channelId}:${messageId}`;

export function parseEditModalId(id: string): { channelId: string; messageId: string } | undefined {
  const match = MODAL_ID.exec(id);
  return match ? { channelId: match[1]!, messageId: match[2]! } : undefined;
}

/** The form and its refusals are the member's own: in their language. */
const say =
  (interaction: { locale: string }) =>
  (key: string, vars?: Vars): string =>
    t(interaction.locale, `editWithKling.${key}`, vars);

/** The images uploaded in the form as image1…image4; more than the form offers is refused, not cut. */
function formImages(
  files: Iterable<AttachmentLike>,
  text: ReturnType<typeof say>,
): Partial<Record<`image${1 | 2 | 3 | 4}`, AttachmentLike>> {
  const images = [...files];
  if (images.length > MAX_FORM_IMAGES)
    throw new UserError(text("tooManyImages", { count: images.length, max: MAX_FORM_IMAGES }));
  const [image1, image2, image3, image4] = images;
  return { image1, image2, image3, image4 };
}

export const command: MessageCommand = {
  kind: "message",
  data: { ...menuName("Edit with Kling", "cmd.edit-with-kling.name"), type: ApplicationCommandType.Message },
  atStake: "nothing",
  modalPrefix: MODAL_PREFIX,
  modalAtStake: "job",

  async execute(interaction, ctx) {
    const text = say(interaction);
    if (!interaction.guildId) throw new UserError(text("guildOnly"));
    const message = interaction.targetMessage;
    const video = videoOfMessage({
      attachments: message.attachments.values(),
      content: message.content,
      embeds: message.embeds,
    });
    if (!video) throw new UserError(text("noVideo"));
    await ctx.editTargets.put(interaction.user.id, {
      guildId: interaction.guildId,
      channelId: message.channelId,
      messageId: message.id,
      video,
    });
    await interaction.showModal(
      new ModalBuilder()
        .setCustomId(editModalId(message.channelId, message.id))
        .setTitle(text("title"))
        .setLabelComponents(
          new LabelBuilder()
            .setLabel(text("prompt"))
            .setDescription(text("promptHelp"))
            .setTextInputComponent(
              new TextInputBuilder()
                .setCustomId("prompt")
                .setStyle(TextInputStyle.Paragraph)
                .setMaxLength(REQUEST_LIMITS.maxPromptChars)
                .setRequired(true),
            ),
          new LabelBuilder()
            .setLabel(text("images"))
            .setDescription(text("imagesHelp", { max: MAX_FORM_IMAGES }))
            .setFileUploadComponent(
              new FileUploadBuilder()
                .setCustomId("images")
                .setMinValues(0)
                .setMaxValues(MAX_FORM_IMAGES)
                .setRequired(false),
            ),
        ),
    );
  },

  async submit(interaction, ctx) {
    const text = say(interaction);
    const ids = parseEditModalId(interaction.customId);
    // the form is answered in the channel it was opened in; another channel's ids are not this member's form
    if (!ids || ids.channelId !== interaction.channelId) throw new UserError(text("formGone"));
    // the member must still see the channel (Discord sends their permissions in it with every interaction)
    if (interaction.memberPermissions?.has(PermissionFlagsBits.ViewChannel) !== true)
      throw new UserError(text("cannotSee"));
    const target = await ctx.editTargets.get(interaction.user.id, ids.channelId, ids.messageId);
    if (!target || target.guildId !== interaction.guildId) throw new UserError(text("formGone"));
    const images = formImages(interaction.fields.getUploadedFiles("images")?.values() ?? [], text);
    await ctx.startJob(
      interaction,
      { kind: "edit", prompt: interaction.fields.getTextInputValue("prompt"), ...target.video, ...images },
      { threadFrom: target.messageId },
    );
  },
};
