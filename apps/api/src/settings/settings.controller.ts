import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators';
import { PutSettingDto } from './dto/put-setting.dto';
import { SettingResponseDto } from './dto/setting-response.dto';
import { SettingsResponseDto } from './dto/settings-response.dto';
import { SETTING_DEFINITIONS } from './setting-definitions';
import { SettingsService } from './settings.service';

const KEYS_DOC = Object.entries(SETTING_DEFINITIONS)
  .map(([key, definition]) => `- \`${key}\`: ${definition.description}`)
  .join('\n');

/** Runtime key-value configuration: read by any authenticated caller, written by admins. */
@ApiTags('settings')
@Controller('api/v1/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({ summary: 'Get all settings', description: `Effective values of every known setting.\n\n${KEYS_DOC}` })
  @ApiOkResponse({ type: SettingsResponseDto })
  all(): Promise<Record<string, unknown>> {
    return this.settings.all();
  }

  @Put(':key')
  @AdminOnly()
  @ApiOperation({ summary: 'Set a value (admin)', description: `400 for an unknown key or a value of the wrong type.\n\n${KEYS_DOC}` })
  @ApiParam({ name: 'key', enum: Object.keys(SETTING_DEFINITIONS), example: 'open_signup' })
  @ApiOkResponse({ type: SettingResponseDto })
  @ApiResponse({ status: 400, description: 'VALIDATION_ERROR: unknown key, or a value of the wrong type.' })
  @ApiResponse({ status: 403, description: 'FORBIDDEN: admins only.' })
  set(@Param('key') key: string, @Body() dto: PutSettingDto): Promise<SettingResponseDto> {
    return this.settings.set(key, dto.value);
  }
}
