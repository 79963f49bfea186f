import { Body, Controller, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CatalogPageQueryDto, DomainError, FilmEffectsApplyRequestDto, type Page } from '@gradekit/contracts';
import type { GradekitRequest } from '../../common/request-context';
import { GradingCatalog, type FilmEffectPresetView } from './grading-catalog.service';
import { FilmEffectPresetListResponseDto } from './dto/film-effect-preset-list-response.dto';
import { CatalogListing } from '../../operations/catalog-listing.decorator';
import { inputFieldsOf } from '../../operations/inputs/input-fields';
import { Operation } from '../../operations/operation.decorator';
import { operationSummary } from '../../operations/operation-route';
import { OperationRunner } from '../../operations/operation-runner.service';
import { plainEffects } from './plain-effects';

@ApiTags('Film Effects')
@Controller('api/v1/film-effects')
export class FilmEffectsController {
  constructor(
    private readonly runner: OperationRunner,
    private readonly catalog: GradingCatalog,
  ) {}

  @CatalogListing('presets', {
    summary: 'List film effects presets',
    description:
      'The film-effect presets in catalog order (stable; new presets are appended), each with its effects and every parameter filled in.',
    type: FilmEffectPresetListResponseDto,
  })
  list(@Query() query: CatalogPageQueryDto): Page<FilmEffectPresetView> {
    return this.catalog.page(this.catalog.filmEffectPresets, query);
  }

  @Post('apply')
  @HttpCode(200)
  @Operation('film_effects_apply')
  @ApiOperation({
    summary: operationSummary('film_effects_apply', 'Apply film effects to an image'),
    description:
      'Spatial effects a LUT cannot hold, on the full-resolution image, in a fixed order: chromatic aberration → vignette → halation → bloom ' +
      '(in linear light) → fade → grain (on encoded values). Give a `preset` (GET /api/v1/film-effects/presets), granular `effects`, or both: ' +
      'the preset, then `effects` overriding it parameter by parameter (an effect the preset lacks is added, missing parameters take their defaults). ' +
      '`intensity` scales every effect’s strength. Sizes are relative to the image, so a thumbnail and the original get the same look. ' +
      'Grain is seeded: by `seed`, else by a seed derived from the task id (a retry reproduces it; every new call draws a fresh pattern); the seed used is in `result.seed`. ' +
      'The output keeps the input format, alpha and 16-bit depth. Unknown preset → 404, nothing charged; invalid effects → 400 with one detail per problem (`effects.grain.amount`).',
  })
  @ApiOkResponse({ description: '`{ task_id, result: { key, url, width, height, format, bytes, bit_depth, has_alpha, thumbnail_key, thumbnail_url, preset, intensity, seed, effects }, history_id, credits_used, credits_remaining, sandbox }` — `effects` as applied (merged, strengths × intensity).' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no film-effect preset with this name (or image_key not found)' })
  apply(@Body() body: FilmEffectsApplyRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    const effects = plainEffects(body.effects);
    if (body.preset === undefined && effects === undefined) {
      throw DomainError.validation('Give a film-effect `preset`, granular `effects`, or both', [
        { field: 'preset', message: 'a name from GET /api/v1/film-effects/presets' },
        { field: 'effects', message: 'e.g. { "grain": { "amount": 30 } }' },
      ]);
    }
    if (effects !== undefined && Object.keys(effects).length === 0 && body.preset === undefined) {
      throw DomainError.validation('`effects` names no effect', [{ field: 'effects', message: 'give at least one of grain, halation, bloom, vignette, chromatic_aberration, fade' }]);
    }
    if (body.preset !== undefined) this.catalog.requireFilmEffectPreset(body.preset);
    return this.runner.run(req, res, 'film_effects_apply', {
      inputs: inputFieldsOf('film_effects_apply', body),
      webhookUrl: body.webhook_url,
      params: { preset: body.preset ?? null, effects: effects ?? {}, intensity: body.intensity, ...(body.seed === undefined ? {} : { seed: body.seed }) },
      responseFormat: body.response_format,
    });
  }
}
