import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MAX_LUT_SIZE, MIN_LUT_SIZE, DEFAULT_LUT_SIZE } from '@gradekit/color';
import { Public } from '../../auth/auth.decorators';
import { BlendModeListResponseDto, LutSizeListResponseDto, OptionsResponseDto } from '../catalog/dto/options-response.dto';
import { MULTI_MATCH_DEFAULTS, OptionsCatalog, type BlendModeView, type LutSizeView, type OptionsView } from '../catalog/options-catalog.service';
import { CATALOG_CACHE_CONTROL } from './presets.controller';

/** The free, public listings a client builds its UI from. */
@Controller('api/v1')
@Public()
export class OptionsController {
  constructor(private readonly catalog: OptionsCatalog) {}

  @Get('options')
  @ApiTags('Presets')
  @Header('Cache-Control', CATALOG_CACHE_CONTROL)
  @ApiOperation({
    summary: 'List all presets and film effects (free, no auth)',
    description:
      'Everything a grading UI needs in one call: preset and look names, labels, descriptions and categories; film-effect presets with their ' +
      'effects; every effect parameter with its range and default; the match methods, multi-reference blend modes (with the fields each reads) ' +
      'and white-balance methods with one-line descriptions; the LUT sizes. Preset and look colour values are in GET /presets and GET /looks. ' +
      'Credentials are not needed (and are ignored).',
    security: [],
  })
  @ApiOkResponse({ type: OptionsResponseDto })
  options(): OptionsView {
    return this.catalog.options;
  }

  @Get('lut/sizes')
  @ApiTags('LUT Export')
  @Header('Cache-Control', CATALOG_CACHE_CONTROL)
  @ApiOperation({
    summary: 'List available LUT sizes (free, no auth)',
    description: 'The recommended LUT_3D_SIZE values for the `size` of the /lut/export routes (17, 33 — the default — and 65). Any size from 2 to 129 is accepted.',
    security: [],
  })
  @ApiOkResponse({ type: LutSizeListResponseDto })
  lutSizes(): { items: readonly LutSizeView[]; total: number; default: number; minimum: number; maximum: number } {
    const items = this.catalog.lutSizes;
    return { items, total: items.length, default: DEFAULT_LUT_SIZE, minimum: MIN_LUT_SIZE, maximum: MAX_LUT_SIZE };
  }

  @Get('match/multi/modes')
  @ApiTags('Color Matching')
  @Header('Cache-Control', CATALOG_CACHE_CONTROL)
  @ApiOperation({
    summary: 'List multi-reference blend modes (free, no auth)',
    description:
      'The `blend_mode` values of POST /match/multi with what each does, the request fields it reads (`weights`, `transition_width`, `intensity`), ' +
      'the ones it requires, and whether the blend is spatial (varies across the frame, so a single .cube only approximates it); `defaults` are the ' +
      'request defaults (blend_mode uniform, transition_width 0.2, intensity 0.5). Credentials are not needed (and are ignored).',
    security: [],
  })
  @ApiOkResponse({ type: BlendModeListResponseDto })
  blendModes(): { items: readonly BlendModeView[]; total: number; defaults: typeof MULTI_MATCH_DEFAULTS } {
    const items = this.catalog.blendModes;
    return { items, total: items.length, defaults: MULTI_MATCH_DEFAULTS };
  }
}
