import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AnalyzeRequestDto } from '@gradekit/contracts';
import type { GradekitRequest } from '../../common/request-context';
import { Operation } from '../operation.decorator';
import { OperationRunner } from '../operation-runner.service';

@ApiTags('Analysis')
@Controller('api/v1')
export class AnalyzeController {
  constructor(private readonly runner: OperationRunner) {}

  @Post('analyze')
  @HttpCode(200)
  @Operation('analyze')
  @ApiOperation({
    summary: 'Analyze image colour statistics (1 credit)',
    description:
      'Per-channel mean, standard deviation and percentiles in RGB (0–255) and CIELAB; 256-bin histograms of R, G, B and luminance; ' +
      'luminance statistics (exposure estimate in EV against 18% grey, RMS contrast, clipped shadows and highlights in %, dynamic range in EV); ' +
      'colourfulness (Hasler–Süsstrunk); a dominant palette (seeded k-means in Oklab) and an estimated white point (CCT in kelvin and tint). ' +
      'Statistics are computed on a proxy with the long side at most 512 px; width, height and format describe the original.',
  })
  @ApiOkResponse({ description: '`{ task_id, result, history_id: null, credits_used, credits_remaining, sandbox }`' })
  analyze(@Body() body: AnalyzeRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    return this.runner.run(req, res, 'analyze', {
      inputs: [{ role: 'image', inlineField: 'image', keyField: 'image_key', inline: body.image, key: body.image_key }],
      params: {},
    });
  }
}
