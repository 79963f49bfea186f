import { Body, Controller, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PresetApplyRequestDto, PresetListQueryDto, type Page } from '@gradekit/contracts';
import type { GradekitRequest } from '../../common/request-context';
import { GradingCatalog, type PresetView } from './grading-catalog.service';
import { PresetListResponseDto } from './dto/preset-list-response.dto';
import { CatalogListing } from '../../operations/catalog-listing.decorator';
import { inputFieldsOf } from '../../operations/inputs/input-fields';
import { Operation } from '../../operations/operation.decorator';
import { operationSummary } from '../../operations/operation-route';
import { OperationRunner } from '../../operations/operation-runner.service';

@ApiTags('Presets')
@Controller('api/v1/presets')
export class PresetsController {
  constructor(
    private readonly runner: OperationRunner,
    private readonly catalog: GradingCatalog,
  ) {}

  @CatalogListing('', {
    summary: 'List available color grading presets',
    description:
      'The built-in colour presets in catalog order (stable; new presets are appended, names never change), each with its complete ' +
      '`values` (ColorGradeValues, snake_case) so a client can show what a preset does or start a custom preset from it. ' +
      '`?category=` filters; `?limit=` (default and maximum 100) and `?offset=` page.',
    type: PresetListResponseDto,
  })
  list(@Query() query: PresetListQueryDto): Page<PresetView> {
    return this.catalog.page(this.catalog.presets, query);
  }

  @Post(':preset_name/apply')
  @HttpCode(200)
  @Operation('preset_apply')
  @ApiParam({ name: 'preset_name', example: 'cinematic_warm', description: 'A name from GET /api/v1/presets' })
  @ApiOperation({
    summary: operationSummary('preset_apply', 'Apply a color grading preset to an image'),
    description:
      'The preset (a set of ColorGradeValues) at `intensity` is baked into a 33³ 3D LUT and applied to the full-resolution image in one ' +
      'tetrahedral pass — the same LUT POST /lut/export/preset/{preset_name} exports. `intensity` scales the preset’s values toward neutral ' +
      '(0.5 is a milder grade of the same kind, 0 returns the image unchanged). The output keeps the input format, alpha and 16-bit depth ' +
      '(PNG/TIFF), with EXIF orientation applied and an sRGB profile. An unknown preset name is a 404 and costs nothing.',
  })
  @ApiOkResponse({ description: '`{ task_id, result: { key, url, width, height, format, bytes, bit_depth, has_alpha, thumbnail_key, thumbnail_url, preset, intensity, lut_size }, history_id, credits_used, credits_remaining, sandbox }`' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no preset with this name (or image_key not found)' })
  apply(@Param('preset_name') presetName: string, @Body() body: PresetApplyRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    this.catalog.requirePreset(presetName);
    return this.runner.run(req, res, 'preset_apply', {
      inputs: inputFieldsOf('preset_apply', body),
      webhookUrl: body.webhook_url,
      params: { preset: presetName, intensity: body.intensity },
      responseFormat: body.response_format,
    });
  }
}
