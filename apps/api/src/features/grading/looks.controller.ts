import { Body, Controller, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LookApplyRequestDto, LookListQueryDto, type Page } from '@gradekit/contracts';
import type { GradekitRequest } from '../../common/request-context';
import { GradingCatalog, type LookView } from './grading-catalog.service';
import { LookListResponseDto } from './dto/look-list-response.dto';
import { plainEffects } from './plain-effects';
import { CatalogListing } from '../../operations/catalog-listing.decorator';
import { inputFieldsOf } from '../../operations/inputs/input-fields';
import { Operation } from '../../operations/operation.decorator';
import { operationSummary } from '../../operations/operation-route';
import { OperationRunner } from '../../operations/operation-runner.service';

@ApiTags('Looks')
@Controller('api/v1/looks')
export class LooksController {
  constructor(
    private readonly runner: OperationRunner,
    private readonly catalog: GradingCatalog,
  ) {}

  @CatalogListing('', {
    summary: 'List available looks',
    description:
      'Cinematic looks ("in the style of") in catalog order (stable; new looks are appended), each with its colour part (`color`: complete ' +
      'ColorGradeValues, snake_case) and its spatial `effects`. `?category=` filters; `?limit=` (default and maximum 100) and `?offset=` page.',
    type: LookListResponseDto,
  })
  list(@Query() query: LookListQueryDto): Page<LookView> {
    return this.catalog.page(this.catalog.looks, query);
  }

  @Post(':look_name/apply')
  @HttpCode(200)
  @Operation('look_apply')
  @ApiParam({ name: 'look_name', example: 'blade_runner', description: 'A name from GET /api/v1/looks' })
  @ApiOperation({
    summary: operationSummary('look_apply', 'Apply a look to an image'),
    description:
      'Two stages, as a colourist would: the look’s colour grade at `intensity × color_intensity` is baked into a 33³ LUT and applied to the ' +
      'full-resolution image, then its spatial effects (grain, halation, bloom, vignette, chromatic aberration, fade) run on the graded image with ' +
      '`effects_overrides` merged onto them parameter by parameter and their strengths × `intensity × effects_intensity`. ' +
      'Grain is seeded by `seed`, else by a seed derived from the task id; `result.seed` and `result.effects` (as applied) let you reproduce the image. ' +
      'The output keeps the input format, alpha and 16-bit depth. Unknown look → 404, nothing charged; invalid overrides → 400 with one detail per problem.',
  })
  @ApiOkResponse({ description: '`{ task_id, result: { key, url, width, height, format, bytes, bit_depth, has_alpha, thumbnail_key, thumbnail_url, look, intensity, color_intensity, effects_intensity, seed, lut_size, effects }, history_id, credits_used, credits_remaining, sandbox }`' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no look with this name (or image_key not found)' })
  apply(@Param('look_name') lookName: string, @Body() body: LookApplyRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    this.catalog.requireLook(lookName);
    return this.runner.run(req, res, 'look_apply', {
      inputs: inputFieldsOf('look_apply', body),
      webhookUrl: body.webhook_url,
      params: {
        look: lookName,
        intensity: body.intensity,
        color_intensity: body.color_intensity,
        effects_intensity: body.effects_intensity,
        effects_overrides: plainEffects(body.effects_overrides) ?? {},
        ...(body.seed === undefined ? {} : { seed: body.seed }),
      },
      responseFormat: body.response_format,
    });
  }
}
