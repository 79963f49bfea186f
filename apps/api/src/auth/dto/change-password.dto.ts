import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { ACCOUNT_RULES } from '../../users/account-rules';

export class ChangePasswordDto {
  @ApiProperty({ description: 'Your current password (400 when it is wrong).', example: 'correct horse battery staple' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(ACCOUNT_RULES.passwordMaxLength)
  current_password!: string;

  @ApiProperty({ minLength: ACCOUNT_RULES.passwordMinLength, maxLength: ACCOUNT_RULES.passwordMaxLength, description: 'Must differ from the current one.', example: 'a brand new passphrase' })
  @IsString()
  @MinLength(ACCOUNT_RULES.passwordMinLength)
  @MaxLength(ACCOUNT_RULES.passwordMaxLength)
  new_password!: string;
}
