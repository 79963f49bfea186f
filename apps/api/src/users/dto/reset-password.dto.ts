import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ACCOUNT_RULES } from '../account-rules';

export class ResetPasswordDto {
  @ApiProperty({ minLength: ACCOUNT_RULES.passwordMinLength, maxLength: ACCOUNT_RULES.passwordMaxLength, description: 'The user\u2019s new password.', example: 'a long new passphrase' })
  @IsString()
  @MinLength(ACCOUNT_RULES.passwordMinLength)
  @MaxLength(ACCOUNT_RULES.passwordMaxLength)
  new_password!: string;
}
