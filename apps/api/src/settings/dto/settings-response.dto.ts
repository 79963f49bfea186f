import { ApiProperty } from '@nestjs/swagger';

/** All known settings with their effective values (stored, else the default from config). */
export class SettingsResponseDto {
  @ApiProperty({ description: 'Anyone may register as a free user.', example: false })
  open_signup!: boolean;
}
