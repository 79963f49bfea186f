import { VIDEO_DESCRIPTION } from '../features/video/video.description';
import { WEBHOOKS_DESCRIPTION } from '../features/webhooks/webhooks.description';

/** The overview at the top of the OpenAPI document: conventions that hold for every route. */
export const API_DESCRIPTION = `
Gradekit is an open, self-hostable colour-grading API: colour matching from a reference,
presets, cinematic looks, film effects, 3D LUTs, white balance and video grading.

**Authentication.** Send \`X-API-Key: <key>\` or \`Authorization: Bearer <API key or session token>\`.
API keys (\`gk_…\`) are created with \`POST /api/v1/api-keys\`, shown once and stored only as a SHA-256 hash.
Session tokens come from \`POST /api/auth/login\` and last 24 hours.

**Errors.** Every error is \`{ "error": "human message", "code": "MACHINE_CODE", "details": [ ... ] }\` with
400 (validation, details per field), 401 (missing or invalid credentials), 402 (insufficient credits),
403 (plan upgrade required, or admin only), 404 (not found — also for other users' resources), 409, 413 (too large),
415 (unsupported media type), 422 (unprocessable input), 429 (rate limited, with Retry-After) or 5xx.
Unknown fields in a JSON body are rejected with 400, as are bodies nested deeper than 32 levels, arrays of more
than 10,000 items and bodies of more than 50,000 values in all.
**503 \`DEPENDENCY_UNAVAILABLE\`** (with \`Retry-After\` and \`details[0].dependency\`: \`database\` or \`redis\`) means the
database or the queue store is briefly unreachable: the call changed nothing and kept no credits (a paid call that
was charged before the queue failed is refunded), so send it again after Retry-After. A call charged and queued
just before the database went away answers 202 with its task id instead, so a retry never pays twice.

**Rate limits.** Per API key (or session), per minute, by plan (60/min on free); per user per calendar month (UTC).
Authenticated responses carry \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\`, \`X-RateLimit-Reset\` (Unix seconds)
and \`X-RateLimit-Monthly-Limit\`, \`X-RateLimit-Monthly-Remaining\`, \`X-RateLimit-Monthly-Reset\`.

**Credits.** Paid calls debit their price when the task is created, in the same transaction; a task that finally fails
is refunded exactly once. Paid responses carry \`credits_used\` and \`credits_remaining\`.

**Sync and async.** A paid call waits for its result up to a sync timeout (30 s by default); past it the answer is
\`202 { "task_id", "status", "status_url" }\` and \`GET /api/v1/tasks/{id}\` has the outcome.

**Idempotency.** Paid POSTs honour \`Idempotency-Key\`: a retry with the same key within 24 hours returns the first
response (with \`Idempotent-Replayed: true\`) and charges nothing more; the same key with a different body is a 409.

**Sandbox.** \`X-Sandbox: true\` runs authentication, validation and plan checks, charges nothing (usage is still logged)
and answers within 50 ms with a static demo result of the same shape and \`"sandbox": true\`. Inputs are validated
(key ownership, base64 decoding, URL syntax) but URLs are not fetched.

**Inputs.** Image fields take a storage key (preferred: upload with \`POST /api/v1/storage/presign\`), base64
(optionally a data URI) or an http(s) URL (deprecated). URLs are fetched with an SSRF guard: no loopback, private,
link-local or otherwise internal addresses, checked after DNS resolution and after every redirect, with size and time limits.

**Image outputs.** A result is stored in your namespace and returned as \`{ key, url, width, height, format, bytes,
bit_depth, has_alpha, thumbnail_key, thumbnail_url }\`; the image also comes inline as base64 (\`image\`) when you ask
with \`response_format: "base64"\` or sent an input as base64. The format follows the input (JPEG, PNG, WebP, AVIF, TIFF;
GIF becomes PNG). EXIF orientation is applied to the pixels, colours are converted to sRGB and the file is tagged with
an sRGB ICC profile; 16-bit PNG and TIFF stay 16-bit; alpha is kept; EXIF and GPS metadata are not copied. JPEG is
written at quality 92 with full-resolution chroma (4:4:4) and the standard Huffman tables; WebP at quality 92;
AVIF at quality 70 with the encoder's fastest effort; PNG and TIFF losslessly (zlib level 6, LZW).

Every response carries \`X-Request-Id\`. Timestamps are ISO-8601 UTC, ids are UUIDs, fields are snake_case.

${VIDEO_DESCRIPTION}

${WEBHOOKS_DESCRIPTION}
`.trim();
