import type { PlanId } from '../../plans/plans';

/**
 * What one uploaded video may be, per plan: checked by the probe after upload
 * (VIDEO_TOO_LONG, VIDEO_TOO_LARGE, nothing charged) and again when a grade starts.
 * Free accounts may upload (to try /video/test's sandbox and references), but grading is pro+.
 */
export type VideoLimits = { maxDurationSeconds: number; maxBytes: number };

const MiB = 1024 * 1024;

export const VIDEO_PLAN_LIMITS: Readonly<Record<PlanId, VideoLimits>> = {
  free: { maxDurationSeconds: 60, maxBytes: 200 * MiB },
  pro: { maxDurationSeconds: 10 * 60, maxBytes: 2048 * MiB },
  business: { maxDurationSeconds: 30 * 60, maxBytes: 8192 * MiB },
  enterprise: { maxDurationSeconds: 2 * 3600, maxBytes: 32768 * MiB },
};

/** Base64 uploads are for small files; larger ones use the presign flow. */
export const VIDEO_BASE64_MAX_BYTES = 50 * MiB;
