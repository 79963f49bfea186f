import { ApiProperty } from '@nestjs/swagger';
import { PageResponseDto } from '../../common/page-response.dto';
import { ApiKeyResponseDto } from './api-key-response.dto';

export class ApiKeyListResponseDto extends PageResponseDto {
  @ApiProperty({ type: [ApiKeyResponseDto], description: 'Your active keys, newest first.' })
  items!: ApiKeyResponseDto[];
}
