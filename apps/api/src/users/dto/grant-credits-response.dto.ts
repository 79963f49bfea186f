import { ApiProperty } from '@nestjs/swagger';

export class GrantCreditsResponseDto {
  @ApiProperty({ format: 'uuid' })
  user_id!: string;

  @ApiProperty({ description: 'Credits added.', example: 500 })
  amount!: number;

  @ApiProperty({ example: 'Conference demo' })
  reason!: string;

  @ApiProperty({ description: 'The user\u2019s balance after the grant.', example: 550 })
  credit_balance!: number;
}
