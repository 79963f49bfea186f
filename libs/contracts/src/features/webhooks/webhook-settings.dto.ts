import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, ValidateIf } from 'class-validator';
import { MAX_WEBHOOK_URL_LENGTH } from '../../dto/webhook-url.field';

/** PATCH /api/v1/account/webhook — the account's default webhook URL (null: none); `url` is required, so `{}` changes nothing by accident. */
export class UpdateWebhookSettingsDto {
  @ApiProperty({
    description: 'Default http(s) URL for every task that names no webhook_url of its own; null removes it. Setting it again re-enables a URL disabled by a 410.',
    example: 'https://example.com/hooks/gradekit',
    nullable: true,
    type: String,
    maxLength: MAX_WEBHOOK_URL_LENGTH,
  })
  @ValidateIf((_dto, value) => value !== null)
  @IsString()
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
  url!: string | null;
}
