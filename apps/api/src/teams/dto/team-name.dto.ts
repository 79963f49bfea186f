import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Body of POST and PUT /api/v1/teams: the name, unique ignoring case, trimmed. */
export class TeamNameDto {
  @ApiProperty({ maxLength: 64, description: 'Team name, unique (ignoring case). Surrounding spaces are trimmed.', example: 'Post-production' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  name!: string;
}
