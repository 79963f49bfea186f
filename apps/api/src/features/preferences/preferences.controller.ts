import { Body, Controller, Get, Patch, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PreferencesViewDto, UpdatePreferencesDto, type PreferencesView } from '@gradekit/contracts';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import type { GradekitRequest, Principal } from '../../common/request-context';
import { PREFERENCES_DESCRIPTION } from './preferences.description';
import { PreferencesService } from './preferences.service';

@ApiTags('Preferences')
@Controller('api/v1/preferences')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get()
  @ApiOperation({ summary: 'Get user preferences (free)', description: PREFERENCES_DESCRIPTION })
  @ApiOkResponse({ type: PreferencesViewDto })
  get(@CurrentPrincipal() principal: Principal): Promise<PreferencesView> {
    return this.preferences.view(principal.user.id);
  }

  @Patch()
  @ApiOperation({ summary: 'Update user preferences (free)', description: PREFERENCES_DESCRIPTION })
  @ApiBody({ type: UpdatePreferencesDto, examples: { theme: { value: { theme: 'dark', auto_apply_on_drag: true } }, defaults: { value: { default_method: 'smooth', lut_size: 65, output_format: 'png' } }, reset: { value: { lut_size: null } } } })
  @ApiOkResponse({ type: PreferencesViewDto, description: 'The view after the change; `webhook_secret` only when this call created your webhook signing secret' })
  // The DTO (validated by the global pipe: unknown keys are a 400) only whitelists the keys; their
  // values are checked against the definitions on the raw body, where null (reset) is still null.
  update(@CurrentPrincipal() principal: Principal, @Body() _dto: UpdatePreferencesDto, @Req() req: GradekitRequest): Promise<PreferencesView> {
    return this.preferences.update(principal.user.id, (req.body ?? {}) as Record<string, unknown>);
  }
}
