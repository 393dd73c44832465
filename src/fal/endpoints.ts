export const FAL_ENDPOINTS = {
  edit: "fal-ai/kling-video/o3/standard/video-to-video/edit",
  reference: "fal-ai/kling-video/o3/standard/video-to-video/reference",
} as const;

export type CommandKind = keyof typeof FAL_ENDPOINTS;

export interface FalElementInput {
  frontal_image_url: string;
  reference_image_urls?: string[];
}

/** The JSON body fal's Kling O3 Standard video-to-video endpoints take (shared/seed). */
export interface FalKlingInput {
  prompt: string;
  video_url: string;
  image_urls?: string[];
  elements?: FalElementInput[];
  keep_audio: boolean;
  shot_type: "customize";
  aspect_ratio?: "auto" | "16:9" | "9:16" | "1:1";
  duration?: string;
}

export interface FalVideoOutput {
  video: { url: string; content_type?: string; file_name?: string; file_size?: number };
}
