import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Longest webhook URL accepted (the SSRF guard's own limit is longer). */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

/**
 * `webhook_url` on every async operation: where the signed `task.completed` /
 * `task.failed` event goes (README "Webhooks"). The api checks it with the SSRF guard
 * at request time (a 400 naming the field) and the worker again at every attempt.
 */
export function WebhookUrlField() {
  return applyDecorators(
    ApiPropertyOptional({
      description:
        'http(s) URL to POST the signed task.completed / task.failed event to (Standard Webhooks); overrides the account default (PATCH /api/v1/account/webhook). Needs a webhook secret: the first PATCH or POST /api/v1/account/webhook/rotate-secret creates it.',
      example: 'https://example.com/hooks/gradekit',
      maxLength: MAX_WEBHOOK_URL_LENGTH,
      type: String,
    }),
    IsOptional(),
    IsString(),
    MaxLength(MAX_WEBHOOK_URL_LENGTH),
  );
}
