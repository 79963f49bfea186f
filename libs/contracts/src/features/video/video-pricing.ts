/**
 * Video grading is priced per second of video, by quality tier — the one place the
 * rates live (the api charges with it, the worker reconciles with it, the OpenAPI
 * description prints it).
 *
 *   credits = max(1, ceil(duration_s × rate(quality)))
 *
 * The api charges up front from the client's `duration`; when the job starts, the
 * worker recomputes the price from ffprobe's duration and charges or refunds the
 * difference once (a ledger `adjustment` row). A failed job refunds everything charged.
 */
export const VIDEO_QUALITIES = ['test', 'pro', 'perfect'] as const;
export type VideoQuality = (typeof VIDEO_QUALITIES)[number];
export const DEFAULT_VIDEO_QUALITY: VideoQuality = 'pro';

/** Credits per second of video. */
export const VIDEO_CREDITS_PER_SECOND: Readonly<Record<VideoQuality, number>> = { test: 0.2, pro: 0.5, perfect: 1 };

export function videoGradeCredits(durationSeconds: number, quality: VideoQuality): number {
  const seconds = Number.isFinite(durationSeconds) && durationSeconds > 0 ? durationSeconds : 0;
  // Rates are decimal fractions: round away float noise (0.2 × 15 = 3.0000000000000004) before ceil.
  return Math.max(1, Math.ceil(Math.round(seconds * VIDEO_CREDITS_PER_SECOND[quality] * 1e6) / 1e6));
}

/** The formula as the OpenAPI description and README print it. */
export function videoPricingText(): string {
  const rates = VIDEO_QUALITIES.map((q) => `${q} ${VIDEO_CREDITS_PER_SECOND[q]}`).join(', ');
  return `credits = max(1, ceil(duration_s × rate)), rate per second by quality: ${rates}`;
}

/** The short price label of the OpenAPI summary: `0.2 / 0.5 / 1 credits per second (test / pro / perfect)`. */
export function videoPriceLabel(): string {
  return `${VIDEO_QUALITIES.map((q) => VIDEO_CREDITS_PER_SECOND[q]).join(' / ')} credits per second (${VIDEO_QUALITIES.join(' / ')})`;
}
