import { ApiProperty } from '@nestjs/swagger';
import { PageResponseDto } from '../../common/page-response.dto';
import { UserResponseDto } from './user-response.dto';

export class UserListResponseDto extends PageResponseDto {
  @ApiProperty({ type: [UserResponseDto], description: 'Oldest account first.' })
  items!: UserResponseDto[];
}
