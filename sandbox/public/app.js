// The sandbox page: a small Discord client for one member, drawn from the stand-in Discord's stored messages.
const OPTION = { SUB_COMMAND: 1, STRING: 3, INTEGER: 4, BOOLEAN: 5, NUMBER: 10, ATTACHMENT: 11 };
const BUTTON_STYLES = { 1: "primary", 2: "secondary", 3: "success", 4: "danger", 5: "link", 6: "premium" };
const LOADING_FLAG = 128;

const $ = (id) => document.getElementById(id);
let state = null;
let currentChannelId = null;
let openModalId = null;
let logSeq = 0;
const rendered = new Map(); // message id -> { json, element }

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key in node && typeof value !== "string") node[key] = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, body) {
  const res = await fetch(
    path,
    body === undefined
      ? {}
      : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
  );
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(answer.error ?? `${res.status} ${res.statusText}`);
  return answer;
}

function showError(message) {
  const box = $("messages");
  box.append(el("div", { class: "client-error", role: "alert" }, `⚠ ${message}`));
  box.scrollTop = box.scrollHeight;
}

// ---------- message text: mentions, channel links, **bold**, `code`, links (all as text nodes)
function inlineText(text) {
  const out = [];
  const pattern =
    /<@!?(\d+)>|<#(\d+)>|<@&(\d+)>|\*\*([^*]+)\*\*|`([^`]+)`|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)|<t:(\d+)(?::[a-zA-Z])?>|(https?:\/\/[^\s<>)]+)/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1]) out.push(el("span", { class: "mention" }, `@${state?.users[m[1]] ?? "member"}`));
    else if (m[2]) out.push(channelLink(m[2]));
    else if (m[3]) out.push(el("span", { class: "mention" }, "@role"));
    else if (m[4]) out.push(el("strong", {}, m[4]));
    else if (m[5]) out.push(el("code", {}, m[5]));
    else if (m[6]) out.push(messageLinkOrUrl(m[7], m[6]));
    else if (m[8]) out.push(el("time", { class: "timestamp" }, new Date(Number(m[8]) * 1000).toLocaleTimeString()));
    else if (m[9]) out.push(messageLinkOrUrl(m[9]));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function channelLink(id) {
  const channel = state?.channels.find((c) => c.id === id);
  const name = channel ? channel.name : "unknown channel";
  return el(
    "a",
    { href: "#", class: "mention", onclick: (e) => (e.preventDefault(), channel && openChannel(id)) },
    `#${name}`,
  );
}

function messageLinkOrUrl(url, text) {
  const jump = /\/channels\/\d+\/(\d+)(?:\/(\d+))?$/.exec(url);
  if (jump && state?.channels.some((c) => c.id === jump[1])) {
    return el(
      "a",
      { href: "#", class: "jump", onclick: (e) => (e.preventDefault(), openChannel(jump[1], jump[2])) },
      text ?? "↪ jump to message",
    );
  }
  return el("a", { href: url, target: "_blank", rel: "noreferrer" }, text ?? url);
}

function lines(text) {
  return String(text ?? "")
    .split("\n")
    .flatMap((line, i) => (i ? [el("br"), ...inlineText(line)] : inlineText(line)));
}

// ---------- messages
function renderEmbed(embed) {
  const color = typeof embed.color === "number" ? `#${embed.color.toString(16).padStart(6, "0")}` : "#4e5058";
  return el(
    "div",
    { class: "embed", style: `border-left-color: ${color}` },
    embed.author?.name && el("div", { class: "embed-author" }, embed.author.name),
    embed.title && el("div", { class: "embed-title" }, lines(embed.title)),
    embed.description && el("div", { class: "embed-description" }, lines(embed.description)),
    embed.fields?.length &&
      el(
        "div",
        { class: "embed-fields" },
        embed.fields.map((f) =>
          el(
            "div",
            { class: f.inline ? "embed-field inline" : "embed-field" },
            el("div", { class: "embed-field-name" }, lines(f.name)),
            el("div", { class: "embed-field-value" }, lines(f.value)),
          ),
        ),
      ),
    embed.image?.url && el("img", { class: "embed-image", src: embed.image.url, alt: "" }),
    embed.footer?.text && el("div", { class: "embed-footer" }, embed.footer.text),
  );
}

function renderAttachment(a) {
  const type = a.content_type ?? "";
  if (type.startsWith("video/")) {
    return el(
      "div",
      { class: "attachment" },
      el("video", { class: "result-video", src: a.url, controls: true, preload: "metadata", playsInline: true }),
      el("div", { class: "attachment-name" }, a.filename),
    );
  }
  if (type.startsWith("image/")) return el("img", { class: "attachment-image", src: a.url, alt: a.filename });
  return el(
    "a",
    { class: "attachment-file", href: a.url, target: "_blank", rel: "noreferrer" },
    `Attachment: ${a.filename}`,
  );
}

function renderComponents(message, channelId) {
  return (message.components ?? [])
    .filter((row) => row.type === 1)
    .map((row) =>
      el(
        "div",
        { class: "action-row" },
        (row.components ?? [])
          .filter((c) => c.type === 2)
          .map((c) => {
            const label = [c.emoji?.name, c.label].filter(Boolean).join(" ");
            if (c.style === 5)
              return el("a", { class: "button link", href: c.url, target: "_blank", rel: "noreferrer" }, `${label} ↗`);
            return el(
              "button",
              {
                type: "button",
                class: `button ${BUTTON_STYLES[c.style] ?? "secondary"}`,
                disabled: Boolean(c.disabled),
                dataset: { customId: c.custom_id },
                onclick: () =>
                  api("/api/click", { channelId, messageId: message.id, customId: c.custom_id }).catch((e) =>
                    showError(e.message),
                  ),
              },
              label,
            );
          }),
      ),
    );
}

function renderMessage(m, channelId) {
  const raw = m.raw;
  const author = raw.author ?? { username: "unknown" };
  const loading = (raw.flags & LOADING_FLAG) === LOADING_FLAG && !raw.content && !raw.embeds?.length;
  const time = raw.timestamp ? new Date(raw.timestamp).toLocaleTimeString() : "";
  return el(
    "article",
    { class: m.ephemeral ? "message ephemeral" : "message", dataset: { messageId: raw.id } },
    el("span", { class: author.bot ? "avatar bot" : "avatar" }, (author.username ?? "?").slice(0, 1).toUpperCase()),
    el(
      "div",
      { class: "message-body" },
      raw.interaction_metadata || raw.interaction
        ? el("div", { class: "reply-to" }, `↳ @${state.me.username} used /${raw.interaction?.name ?? "a command"}`)
        : null,
      el(
        "div",
        { class: "message-head" },
        el("strong", {}, author.global_name ?? author.username),
        author.bot ? el("span", { class: "bot-tag" }, "APP") : null,
        el("time", {}, time),
        m.edited ? el("small", {}, "(edited)") : null,
      ),
      loading ? el("div", { class: "thinking" }, `${author.username} is thinking…`) : null,
      raw.content ? el("div", { class: "content" }, lines(raw.content)) : null,
      (raw.embeds ?? []).map(renderEmbed),
      (raw.attachments ?? []).map(renderAttachment),
      renderComponents(raw, channelId),
      raw.thread
        ? el(
            "button",
            { type: "button", class: "thread-link", onclick: () => openChannel(raw.thread.id) },
            `Thread · ${raw.thread.name} — open it`,
          )
        : null,
      m.ephemeral ? el("div", { class: "ephemeral-note" }, "Only you can see this") : null,
    ),
  );
}

function renderMessages() {
  const channel = state.channels.find((c) => c.id === currentChannelId) ?? state.channels[0];
  currentChannelId = channel.id;
  $("channel-title").textContent = channel.kind === "thread" ? `Thread · ${channel.name}` : `# ${channel.name}`;
  $("back").hidden = channel.kind !== "thread";
  $("composer").disabled = channel.kind === "thread";
  const box = $("messages");
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  const wanted = [];
  for (const m of channel.messages) {
    const key = `${channel.id}/${m.raw.id}`;
    const json = JSON.stringify(m);
    let entry = rendered.get(key);
    // a message is redrawn only when it changed, so a playing video keeps playing
    if (!entry || entry.json !== json) {
      const element = renderMessage(m, channel.id);
      entry?.element.replaceWith(element);
      entry = { json, element };
      rendered.set(key, entry);
    }
    wanted.push(entry.element);
  }
  const current = [...box.children].filter((c) => c.classList.contains("message"));
  if (current.length !== wanted.length || current.some((c, i) => c !== wanted[i])) {
    for (const c of current) if (!wanted.includes(c)) c.remove();
    for (const w of wanted) box.append(w);
  }
  if (channel.messages.length === 0 && !box.querySelector(".empty")) {
    box.append(
      el(
        "div",
        { class: "empty" },
        "Welcome! Type /kling-edit below, attach a clip (or pick a sample) and press Send.",
      ),
    );
  } else if (channel.messages.length) box.querySelector(".empty")?.remove();
  if (atBottom) box.scrollTop = box.scrollHeight;
}

function openChannel(id, messageId) {
  currentChannelId = id;
  $("messages").replaceChildren();
  if (state) render();
  if (messageId) $("messages").querySelector(`[data-message-id="${messageId}"]`)?.scrollIntoView();
  else $("messages").scrollTop = $("messages").scrollHeight;
}

function renderChannels() {
  $("channel-list").replaceChildren(
    ...state.channels.map((c) =>
      el(
        "button",
        {
          type: "button",
          class: `channel-item ${c.kind}${c.id === currentChannelId ? " active" : ""}`,
          dataset: { channelId: c.id },
          onclick: () => openChannel(c.id),
        },
        c.kind === "thread" ? `└ ${c.name}` : `# ${c.name}`,
      ),
    ),
  );
}

function renderQueue() {
  const jobs = [...state.queue].reverse();
  $("queue").replaceChildren(
    ...(jobs.length ? jobs : [null]).map((j) => {
      if (!j) return el("li", { class: "muted" }, "No jobs yet.");
      const where =
        j.state === "IN_QUEUE"
          ? `position ${j.queuePosition}`
          : j.state === "COMPLETED"
            ? `${((j.completedAt - j.submittedAt) / 1000).toFixed(1)} s`
            : "";
      return el(
        "li",
        { class: `job ${j.state.toLowerCase()}` },
        el("div", {}, el("span", { class: "state" }, j.state), " ", el("small", {}, where)),
        el("div", { class: "endpoint" }, j.endpoint),
        el("div", { class: "job-id" }, j.requestId),
        j.logs.length ? el("div", { class: "job-log" }, j.logs.at(-1)) : null,
      );
    }),
  );
}

function render() {
  renderChannels();
  renderMessages();
  renderQueue();
  renderModal();
}

// ---------- the command picker and its options form
function slashCommands() {
  return (state?.commands ?? []).filter((c) => (c.type ?? 1) === 1);
}

function showSuggestions() {
  const text = $("composer").value.trim();
  const box = $("suggestions");
  if (!text.startsWith("/")) return void (box.hidden = true);
  const typed = text.slice(1).split(/\s/)[0].toLowerCase();
  const matches = slashCommands().filter((c) => c.name.startsWith(typed));
  box.replaceChildren(
    ...matches.map((c) =>
      el(
        "button",
        { type: "button", class: "suggestion", onclick: () => openCommand(c) },
        el("strong", {}, `/${c.name}`),
        " ",
        el("small", {}, c.description),
      ),
    ),
  );
  box.hidden = matches.length === 0;
}

function optionField(option) {
  const label = el(
    "label",
    { class: "option-label" },
    option.name,
    option.required ? el("span", { class: "required" }, " *") : null,
    el("small", {}, ` ${option.description ?? ""}`),
  );
  const common = { name: option.name, dataset: { type: String(option.type), required: option.required ? "1" : "" } };
  let input;
  if (option.choices?.length) {
    input = el(
      "select",
      common,
      el("option", { value: "" }, "—"),
      option.choices.map((c) => el("option", { value: String(c.value) }, c.name)),
    );
  } else if (option.type === OPTION.BOOLEAN) {
    input = el(
      "select",
      common,
      el("option", { value: "" }, "—"),
      el("option", { value: "true" }, "true"),
      el("option", { value: "false" }, "false"),
    );
  } else if (option.type === OPTION.INTEGER || option.type === OPTION.NUMBER) {
    input = el("input", {
      ...common,
      type: "number",
      step: option.type === OPTION.INTEGER ? "1" : "any",
      min: option.min_value,
      max: option.max_value,
    });
  } else if (option.type === OPTION.ATTACHMENT) {
    return el("div", { class: "option" }, label, attachmentPicker(common));
  } else if (option.name === "prompt") {
    input = el("textarea", { ...common, rows: 2, maxLength: option.max_length });
  } else {
    input = el("input", { ...common, type: "text", maxLength: option.max_length });
  }
  return el("div", { class: "option" }, label, input);
}

/** A file from disk (uploaded to the stand-in's CDN at once) or a bundled sample; keeps the attachment's id. */
function attachmentPicker(common, multiple = false) {
  const status = el("span", { class: "attachment-status" }, "no file");
  const holder = el("div", { class: "attachment-picker", ...common });
  const attach = async (promise) => {
    status.textContent = "uploading…";
    try {
      const a = await promise;
      const ids = multiple && holder.dataset.attachmentId ? `${holder.dataset.attachmentId},${a.id}` : a.id;
      holder.dataset.attachmentId = ids;
      status.textContent = multiple
        ? `${ids.split(",").length} file(s), last: ${a.filename}`
        : `${a.filename} (${(a.size / 1024).toFixed(0)} KB)`;
    } catch (e) {
      status.textContent = `⚠ ${e.message}`;
    }
  };
  const file = el("input", {
    type: "file",
    accept: "video/*,image/*",
    onchange: () => {
      const f = file.files?.[0];
      if (!f) return;
      attach(
        fetch(`/api/upload?filename=${encodeURIComponent(f.name)}`, {
          method: "POST",
          headers: { "content-type": f.type || "application/octet-stream" },
          body: f,
        }).then(async (r) => {
          const answer = await r.json();
          if (!r.ok) throw new Error(answer.error);
          return answer;
        }),
      );
    },
  });
  const sample = el(
    "select",
    { class: "sample-select", onchange: () => sample.value && attach(api("/api/sample", { name: sample.value })) },
    el("option", { value: "" }, "or pick a sample…"),
    state.samples.map((s) => el("option", { value: s.name }, s.label)),
  );
  holder.append(file, sample, status);
  return holder;
}

function openCommand(command) {
  $("suggestions").hidden = true;
  $("composer").value = `/${command.name}`;
  const form = $("command-form");
  const subcommands = (command.options ?? []).filter((o) => o.type === OPTION.SUB_COMMAND);
  const fields = el("div", { class: "fields" });
  // the first few options in view, the rest folded away (a command may have 20)
  const showOptions = (options) => {
    const first = options.filter((o, i) => o.required || i < 3);
    const more = options.filter((o) => !first.includes(o));
    fields.replaceChildren(
      ...first.map(optionField),
      ...(more.length
        ? [
            el(
              "details",
              { class: "more-options" },
              el("summary", {}, `${more.length} more options`),
              el("div", { class: "fields" }, more.map(optionField)),
            ),
          ]
        : []),
    );
  };
  let picker = null;
  if (subcommands.length) {
    picker = el(
      "select",
      {
        name: "__subcommand",
        onchange: () => showOptions(subcommands.find((s) => s.name === picker.value)?.options ?? []),
      },
      subcommands.map((s) => el("option", { value: s.name }, `${s.name} — ${s.description}`)),
    );
    showOptions(subcommands[0].options ?? []);
  } else showOptions(command.options ?? []);
  form.replaceChildren(
    ...[
      el(
        "div",
        { class: "form-head" },
        el("strong", {}, `/${command.name}`),
        el("small", {}, command.description),
        el("button", { type: "button", class: "close", "aria-label": "Close", onclick: closeCommand }, "✕"),
      ),
      picker,
      fields,
      el("div", { class: "form-error", role: "alert" }),
      el("button", { type: "submit", class: "button primary send" }, "Send"),
    ].filter(Boolean),
  );
  form.dataset.command = command.name;
  form.hidden = false;
  form.querySelector("textarea, input:not([type=file])")?.focus();
}

function closeCommand() {
  $("command-form").hidden = true;
  $("composer").value = "";
}

function collectOptions(container) {
  const options = {};
  const missing = [];
  for (const field of container.querySelectorAll("[data-type]")) {
    const type = Number(field.dataset.type);
    const value = type === OPTION.ATTACHMENT ? (field.dataset.attachmentId ?? "") : field.value.trim();
    if (!value) {
      if (field.dataset.required) missing.push(field.getAttribute("name"));
      continue;
    }
    const name = field.getAttribute("name");
    if (type === OPTION.ATTACHMENT) options[name] = { attachment: value };
    else if (type === OPTION.BOOLEAN) options[name] = value === "true";
    else if (type === OPTION.INTEGER || type === OPTION.NUMBER) options[name] = Number(value);
    else options[name] = value;
  }
  return { options, missing };
}

$("command-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = $("command-form");
  const { options, missing } = collectOptions(form);
  const error = form.querySelector(".form-error");
  if (missing.length) return void (error.textContent = `Fill in: ${missing.join(", ")}`);
  const subcommand = form.querySelector("[name=__subcommand]")?.value;
  api("/api/command", { name: form.dataset.command, subcommand, options }).then(
    closeCommand,
    (e) => (error.textContent = e.message),
  );
});

$("composer").addEventListener("input", showSuggestions);
$("composer").addEventListener("keydown", (event) => {
  if (event.key !== "Enter" && event.key !== "Tab") return;
  const typed = $("composer").value.trim().slice(1).split(/\s/)[0].toLowerCase();
  const commands = slashCommands();
  const command = commands.find((c) => c.name === typed) ?? commands.find((c) => c.name.startsWith(typed));
  if (!$("composer").value.startsWith("/") || !command) return;
  event.preventDefault();
  openCommand(command);
});
$("back").addEventListener("click", () => openChannel(state.channels[0].id));

// ---------- modals the bot shows (Remix, the Edit with Kling form)
function modalInputs(modal) {
  const out = [];
  for (const c of modal.components ?? []) {
    if (c.type === 1) for (const inner of c.components ?? []) out.push({ label: inner.label, input: inner });
    else if (c.type === 18 && c.component) out.push({ label: c.label, description: c.description, input: c.component });
  }
  return out.filter((f) => f.input.type === 4 || f.input.type === 19);
}

function renderModal() {
  const open = state.modal;
  const backdrop = $("modal");
  if (!open) {
    backdrop.hidden = true;
    openModalId = null;
    return;
  }
  if (open.interactionId === openModalId) return; // drawn already: keep what the member typed
  openModalId = open.interactionId;
  const fields = modalInputs(open.modal).map(({ label, description, input }) => {
    const common = {
      name: input.custom_id,
      dataset: {
        type: input.type === 19 ? String(OPTION.ATTACHMENT) : String(OPTION.STRING),
        required: input.required === false ? "" : "1",
      },
    };
    const control =
      input.type === 19
        ? attachmentPicker(common, (input.max_values ?? 1) > 1)
        : input.style === 2
          ? el("textarea", { ...common, rows: 4, maxLength: input.max_length, value: input.value ?? "" })
          : el("input", { ...common, type: "text", maxLength: input.max_length, value: input.value ?? "" });
    return el(
      "div",
      { class: "option" },
      el(
        "label",
        { class: "option-label" },
        label ?? input.custom_id,
        description ? el("small", {}, ` ${description}`) : null,
      ),
      control,
    );
  });
  const error = el("div", { class: "form-error", role: "alert" });
  const form = el(
    "form",
    {
      class: "modal",
      onsubmit: (event) => {
        event.preventDefault();
        const { options, missing } = collectOptions(form);
        if (missing.length) return void (error.textContent = `Fill in: ${missing.join(", ")}`);
        const fieldsOut = Object.fromEntries(
          Object.entries(options).map(([k, v]) => [
            k,
            v.attachment ? v.attachment.split(",").map((id) => ({ attachment: id })) : v,
          ]),
        );
        api("/api/modal", { interactionId: open.interactionId, fields: fieldsOut }).catch(
          (e) => (error.textContent = e.message),
        );
      },
    },
    el("h3", {}, open.modal.title ?? "Form"),
    fields,
    error,
    el(
      "div",
      { class: "modal-buttons" },
      el(
        "button",
        {
          type: "button",
          class: "button secondary",
          onclick: () => api("/api/modal", { interactionId: open.interactionId, dismiss: true }),
        },
        "Cancel",
      ),
      el("button", { type: "submit", class: "button primary" }, "Submit"),
    ),
  );
  backdrop.replaceChildren(form);
  backdrop.hidden = false;
}

// ---------- polling
async function poll() {
  try {
    const next = await api("/api/state");
    const changed = JSON.stringify(next) !== JSON.stringify(state);
    state = next;
    if (changed) render();
  } catch (e) {
    console.warn("state", e);
  }
  try {
    const lines = await api(`/api/logs?after=${logSeq}`);
    const box = $("logs");
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    for (const l of lines) {
      logSeq = l.seq;
      box.append(
        el(
          "div",
          { class: `log ${l.level}` },
          el("span", { class: "log-level" }, l.level),
          ` ${l.msg} `,
          el("span", { class: "log-detail" }, l.detail),
        ),
      );
    }
    while (box.childElementCount > 400) box.firstElementChild.remove();
    if (lines.length && atBottom) box.scrollTop = box.scrollHeight;
  } catch (e) {
    console.warn("logs", e);
  }
  setTimeout(poll, 400);
}
poll();
