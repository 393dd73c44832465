import { describeFalError } from "../fal/errors.js";
import { message, sentences, violationMessage } from "../i18n/index.js";
import type { FalKlingInput } from "../fal/endpoints.js";
import { matchesAllowedHost } from "../media/allowed-hosts.js";
import { redactUrl } from "../media/redact.js";
import { VIDEO_LIMITS } from "../media/limits.js";
import { isTerminal, type Job } from "../job.js";
import { toFalInput } from "../requests/to-fal-input.js";
import { jobLogger } from "./job-log.js";
import type { RunContext } from "./run-context.js";

/**
 * Right before submit, after the progress message is posted (none of it decides whether the job can start): saved
 * elements' images get their fal storage links, then inputs on private hosts are re-uploaded to fal storage. The
 * request and fal input are saved with those links before submit, so a resumed job sends what was hosted. Returns
 * the job failed (nothing sent to fal, nothing charged) when a saved element cannot be hosted.
 */
export async function hostInputs(run: RunContext, job: Job): Promise<Job> {
  job = await hostSavedElements(run, job);
  if (isTerminal(job)) return job;
  return rehostPrivateInputs(run, job);
}

/** Saved elements' images: their fal storage copies (uploaded again when fal's copy is old or gone). */
async function hostSavedElements(run: RunContext, job: Job): Promise<Job> {
  if (!job.request || !job.guildId) return job;
  const hosted = await run.deps.elements.host(job.request, job.guildId);
  if (!hosted.ok) {
    const problems = sentences(hosted.violations.map(violationMessage));
    return run.fail(
      job,
      message("failure.notHosted", { problems }),
      hosted.violations.map((v) => v.rule).join(", "),
      "submit",
    );
  }
  if (JSON.stringify(hosted.request) === JSON.stringify(job.request)) return job;
  return run.save(job, { request: hosted.request, falInput: toFalInput(hosted.request) });
}

/** fal cannot fetch from private addresses: download those inputs and upload them to fal storage first. */
async function rehostPrivateInputs(run: RunContext, job: Job): Promise<Job> {
  const { downloader, fal, logger } = run.deps;
  const rehost = async (url: string): Promise<string> => {
    if (!matchesAllowedHost(url, run.options.rehostHosts)) return url;
    try {
      const { bytes, contentType } = await downloader.download(url, { maxBytes: VIDEO_LIMITS.maxBytes });
      const name = decodeURIComponent(new URL(url).pathname.split("/").pop() || "input");
      const uploaded = await fal.upload(bytes, contentType ?? "application/octet-stream", name);
      jobLogger(logger, job).debug({ from: redactUrl(url) }, "re-hosted input on fal storage");
      return uploaded;
    } catch (error) {
      if (describeFalError(error, "upload").kind === "auth") throw error;
      // fal may still reach it (a private name with a public route); if not, fal's own 422 says so
      jobLogger(logger, job).warn({ err: error, from: redactUrl(url) }, "could not re-host an input; sending its link");
      return url;
    }
  };
  const input = job.falInput;
  const rehosted: FalKlingInput = {
    ...input,
    video_url: await rehost(input.video_url),
    ...(input.image_urls ? { image_urls: await Promise.all(input.image_urls.map(rehost)) } : {}),
    ...(input.elements
      ? {
          elements: await Promise.all(
            input.elements.map(async (element) => ({
              frontal_image_url: await rehost(element.frontal_image_url),
              ...(element.reference_image_urls
                ? { reference_image_urls: await Promise.all(element.reference_image_urls.map(rehost)) }
                : {}),
            })),
          ),
        }
      : {}),
  };
  if (JSON.stringify(rehosted) === JSON.stringify(input)) return job;
  return run.save(job, { falInput: rehosted });
}
