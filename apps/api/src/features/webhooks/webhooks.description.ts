import { STANDARD_WEBHOOK_SCHEDULE_MS } from '@gradekit/config';

/** 300000 → "5 min": the schedule as the spec writes it. */
function duration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

/** The default retry delays after the first (immediate) attempt: "5 s, 5 min, …, 20 h and 24 h". */
const RETRIES = STANDARD_WEBHOOK_SCHEDULE_MS.slice(1).map(duration);
const RETRY_TEXT = `${RETRIES.slice(0, -1).join(', ')} and ${RETRIES[RETRIES.length - 1]}`;

/**
 * The webhook format, for the OpenAPI overview (API_DESCRIPTION); the README's "Webhooks"
 * section says the same for readers of the repository. The delays come from config's
 * default schedule, so the document cannot drift from it.
 */
export const WEBHOOKS_DESCRIPTION = `
**Webhooks** ([Standard Webhooks](https://www.standardwebhooks.com/)). Pass \`webhook_url\` on any operation, or set an
account default with \`PATCH /api/v1/account/webhook\`; the first call creates your \`whsec_\` signing secret and shows it
once (rotate with \`POST /api/v1/account/webhook/rotate-secret\`: the old secret keeps signing for 24 h). When the task
completes or fails we \`POST\` JSON \`{ "type": "task.completed" | "task.failed", "timestamp", "data": { "task_id", "op",
"status", "result", "result_urls", "error", "credits_used", "status_url" } }\` with the headers \`webhook-id\` (the same on
every retry), \`webhook-timestamp\` (Unix seconds) and \`webhook-signature\` (\`v1,\` + base64 HMAC-SHA256 of
\`id.timestamp.body\` with the secret's base64-decoded bytes; two space-separated signatures during a rotation).
A 2xx ends the delivery; 410 stops it (and disables the account default); anything else, 3xx included (redirects are not
followed) or no answer within 15 s, is retried after ${RETRY_TEXT} (±10 %
jitter; a 429/503 \`Retry-After\` is honoured). \`GET /api/v1/tasks/{id}/deliveries\` lists the attempts;
\`…/deliveries/redeliver\` sends again. Verify with the reference library (\`npm install standardwebhooks\`):

\`\`\`js
import { Webhook } from 'standardwebhooks';
const event = new Webhook(process.env.GRADEKIT_WEBHOOK_SECRET).verify(rawBody, request.headers); // throws if forged or stale
\`\`\`
`.trim();
