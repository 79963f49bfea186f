import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';

/** Largest single grant: keeps a balance far from the 32-bit column limit. */
export const MAX_GRANT = 10_000_000;

export class GrantCreditsDto {
  @ApiProperty({ minimum: 1, maximum: MAX_GRANT, description: 'Credits to add (a positive whole number).', example: 500 })
  @IsInt()
  @Min(1)
  @Max(MAX_GRANT)
  amount!: number;

  @ApiProperty({ maxLength: 200, description: 'Why: stored on the ledger entry with your user id as the actor.', example: 'Conference demo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason!: string;
}
