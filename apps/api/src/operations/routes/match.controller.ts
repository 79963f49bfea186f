import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { MatchRequestDto } from '@gradekit/contracts';
import type { GradekitRequest } from '../../common/request-context';
import { Operation } from '../operation.decorator';
import { OperationRunner } from '../operation-runner.service';

@ApiTags('Color Matching')
@Controller('api/v1')
export class MatchController {
  constructor(private readonly runner: OperationRunner) {}

  @Post('match')
  @HttpCode(200)
  @Operation('match')
  @ApiOperation({
    summary: 'Single image color matching (1 credit)',
    description:
      'Grades the target so its colours match the reference. The fit runs on ≤ 512 px proxies and is baked into a 3D LUT ' +
      '(params.lut_size, 33³ by default) applied to the full-resolution target in one tetrahedral pass; /lut/export/match ' +
      'exports the same LUT. Methods: `natural` (default; Oklab chroma transfer with the target\'s tonal shape kept and bounded ' +
      'gains, best structure), `direct` (full Monge–Kantorovich linear transfer, strongest), `smooth` (monotone, smoothed ' +
      'histogram transfer, closest distribution) and `balanced` (a blend of natural and smooth). The response reports the ' +
      'colour gap to the reference before and after (W1 in CIELAB and ΔE2000 of means and palettes). The output keeps the ' +
      'input format, alpha and 16-bit depth (PNG/TIFF), with EXIF orientation applied and an sRGB profile.',
  })
  @ApiOkResponse({ description: '`{ task_id, result: { key, url, width, height, format, bytes, method, params, color_gap }, history_id, credits_used, credits_remaining, sandbox }`' })
  match(@Body() body: MatchRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    return this.runner.run(req, res, 'match', {
      inputs: [
        { role: 'reference', inlineField: 'reference', keyField: 'reference_key', inline: body.reference, key: body.reference_key },
        { role: 'target', inlineField: 'target', keyField: 'target_key', inline: body.target, key: body.target_key },
      ],
      params: { method: body.method, params: { ...(body.params ?? {}) } },
      responseFormat: body.response_format,
    });
  }
}
