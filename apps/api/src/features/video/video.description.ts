import { VIDEO_CREDITS_PER_SECOND, VIDEO_PLAN_LIMITS, VIDEO_QUALITIES, videoGradeCredits, videoPricingText } from '@gradekit/contracts';

const rates = VIDEO_QUALITIES.map((q) => `\`${q}\` ${VIDEO_CREDITS_PER_SECOND[q]}`).join(', ');
const limits = Object.entries(VIDEO_PLAN_LIMITS)
  .map(([plan, l]) => `${plan} ${l.maxDurationSeconds / 60} min / ${Math.round(l.maxBytes / 1024 / 1024)} MiB`)
  .join(', ');

/** The video section of the OpenAPI overview (and the README's): one text, the numbers from the contracts. */
export const VIDEO_DESCRIPTION = `
**Video grading.** Upload with \`POST /api/v1/storage/upload/video\` (base64 for small files; a presigned PUT — S3
multipart for large files on S3 — for the rest); the worker probes the file (ffprobe: container, streams, codec,
duration, frame rate, resolution, pixel format, rotation, HDR transfer) and refuses what it cannot grade: 422
\`INVALID_VIDEO\` (not a video, empty, truncated), 422 \`VIDEO_TOO_LONG\`, 413 \`VIDEO_TOO_LARGE\` — nothing is kept or
charged. Plan limits: ${limits}. \`POST /api/v1/video/test\` (1 credit) grades one frame exactly as the clip would be;
\`POST /api/v1/video/grade\` answers \`202\` and grades the clip on the \`video\` queue. Quality tiers: \`test\` — half
resolution, one LUT fitted on the middle frame; \`pro\` (default) — one LUT fitted on frames sampled across the clip;
\`perfect\` — cuts and dissolves detected, one LUT fitted per shot, constant within the shot, LUTs interpolated across a
dissolve. Audio is copied untouched; frame rate, resolution, rotation, colour tags and the container are kept; x264 at
CRF 18 by default. **Price:** ${videoPricingText()} (${rates} per second; a 60 s clip at \`pro\` costs
${videoGradeCredits(60, 'pro')}), charged from your \`duration\` and reconciled with ffprobe's when the job starts (the
difference is charged or refunded once, a ledger \`adjustment\`); a failed grade is refunded in full. Progress (0–100,
\`eta_seconds\`) is on \`GET /api/v1/tasks/{id}\`; the graded video and its LUT(s) are at
\`GET /api/v1/history/{id}/video\` and \`/lut\` (a zip of per-shot LUTs with \`shots.json\` for \`perfect\`).
`.trim();
