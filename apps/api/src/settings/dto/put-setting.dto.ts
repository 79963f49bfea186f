import { ApiProperty } from '@nestjs/swagger';
import { IsDefined } from 'class-validator';

export class PutSettingDto {
  @ApiProperty({ description: 'The new value, as JSON of the setting\u2019s type (`open_signup`: a boolean).', example: true, oneOf: [{ type: 'boolean' }, { type: 'number' }, { type: 'string' }, { type: 'array', items: {} }, { type: 'object' }] })
  @IsDefined()
  value!: unknown;
}
