import { PREFERENCE_DEFINITIONS, PREFERENCE_KEYS } from '@gradekit/contracts';
import { OWN_OUTPUT_FORMAT_OPS, PREFERRED_REQUEST_FIELDS } from './preferred-request-fields';

const KEYS = PREFERENCE_KEYS.map((key) => `\`${key}\` (default ${JSON.stringify(PREFERENCE_DEFINITIONS[key].defaultValue)})`).join(', ');
const FILLS = Object.entries(PREFERRED_REQUEST_FIELDS)
  .map(([key, rule]) => `\`${key}\` fills \`${rule.field}\` of ${rule.ops.join(', ')}`)
  .join('; ');

/** The OpenAPI description of both routes, built from the definitions and the table of ops, so it cannot drift from them. */
export const PREFERENCES_DESCRIPTION =
  `Your preferences: ${KEYS}. GET answers every key with its effective value (stored, else the default) and \`updated_at\`. ` +
  'PATCH merges the keys it sends and answers the same view; `null` resets a key to its default; an unknown key, a wrong type or an out-of-range value is a 400 naming each field, and nothing is written. ' +
  `How operations use them, when a request leaves the field out (a field you send always wins): ${FILLS}. ` +
  '`output_format` and `jpeg_quality` set how every image-output operation writes its image (match, batch and multi match, presets, looks, film, white balance, AI grading, actions, LUT apply, style transfer), ' +
  `except ${OWN_OUTPUT_FORMAT_OPS.join(' and ')}, which choose their own format; thumbnails stay JPEG. ` +
  'What a task used is in its params (GET /api/v1/tasks/{id}: `method`, `size`, and `output` when not the built-in encoding), so a retry runs the same. ' +
  '`webhook_url` is the account default webhook URL — one fact with GET/PATCH /api/v1/account/webhook `url`: a task naming no webhook_url of its own notifies it when it finishes. ' +
  'The first PATCH that sets it creates your signing secret and answers it once as `webhook_secret` (as PATCH /account/webhook does). ' +
  '`auto_apply_on_drag` and `theme` (`system` | `light` | `dark`) are stored for clients only. ' +
  'Both routes are free and act on your own preferences only; X-Sandbox does not change them (they are real reads and writes), and sandbox operations answer their demo results whatever you prefer.';
