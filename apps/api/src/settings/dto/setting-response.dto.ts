import { ApiProperty } from '@nestjs/swagger';

export class SettingResponseDto {
  @ApiProperty({ example: 'open_signup' })
  key!: string;

  @ApiProperty({ description: 'The stored value.', example: true, oneOf: [{ type: 'boolean' }, { type: 'number' }, { type: 'string' }, { type: 'array', items: {} }, { type: 'object' }] })
  value!: unknown;
}
