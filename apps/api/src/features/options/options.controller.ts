import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MAX_LUT_SIZE, MIN_LUT_SIZE, DEFAULT_LUT_SIZE } from '@gradekit/color';
import { BlendModeListResponseDto, LutSizeListResponseDto, OptionsResponseDto } from './options-response.dto';
import { CatalogListing } from '../../operations/catalog-listing.decorator';
import { MULTI_MATCH_DEFAULTS, OptionsCatalog, type BlendModeView, type LutSizeView, type OptionsView } from './options-catalog.service';

/** The free, public listings a client builds its UI from. */
@Controller('api/v1')
export class OptionsController {
  constructor(private readonly catalog: OptionsCatalog) {}

  @ApiTags('Presets')
  @CatalogListing('options', {
    summary: 'List all presets and film effects',
    description:
      'Everything a grading UI needs in one call: preset and look names, labels, descriptions and categories; film-effect presets with their ' +
      'effects; every effect parameter with its range and default; the match methods, multi-reference blend modes (with the fields each reads) ' +
      'and white-balance methods with one-line descriptions; the LUT sizes. Preset and look colour values are in GET /presets and GET /looks.',
    type: OptionsResponseDto,
  })
  options(): OptionsView {
    return this.catalog.options;
  }

  @ApiTags('LUT Export')
  @CatalogListing('lut/sizes', {
    summary: 'List available LUT sizes',
    description:
      'The recommended LUT_3D_SIZE values for the `size` of the /lut/export routes (17, 33 — the default — and 65). Any size from 2 to 129 is accepted.',
    type: LutSizeListResponseDto,
  })
  lutSizes(): { items: readonly LutSizeView[]; total: number; default: number; minimum: number; maximum: number } {
    const items = this.catalog.lutSizes;
    return { items, total: items.length, default: DEFAULT_LUT_SIZE, minimum: MIN_LUT_SIZE, maximum: MAX_LUT_SIZE };
  }

  @ApiTags('Color Matching')
  @CatalogListing('match/multi/modes', {
    summary: 'List multi-reference blend modes',
    description:
      'The `blend_mode` values of POST /match/multi with what each does, the request fields it reads (`weights`, `transition_width`, `intensity`), ' +
      'the ones it requires, and whether the blend is spatial (varies across the frame, so a single .cube only approximates it); `defaults` are the ' +
      'request defaults (blend_mode uniform, transition_width 0.2, intensity 0.5).',
    type: BlendModeListResponseDto,
  })
  blendModes(): { items: readonly BlendModeView[]; total: number; defaults: typeof MULTI_MATCH_DEFAULTS } {
    const items = this.catalog.blendModes;
    return { items, total: items.length, defaults: MULTI_MATCH_DEFAULTS };
  }
}
