import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LutExportBeforeAfterRequestDto, LutExportMatchRequestDto } from '@gradekit/contracts';
import type { GradekitRequest } from '../../common/request-context';
import { LutFileResponder } from '../lut-file.responder';
import { Operation } from '../operation.decorator';
import { OperationRunner } from '../operation-runner.service';

export const LUT_FILE_DOC =
  'Answers with the .cube file (text/plain attachment; red varies fastest, DOMAIN 0–1, sRGB-encoded values — what Resolve, Premiere and ffmpeg lut3d read) ' +
  'and the task, credits and LUT size in X-Task-Id, X-Credits-Used, X-Credits-Remaining and X-Lut-Size headers; `response_format: "json"` answers JSON with a download URL. ' +
  'A LUT holds colour only: spatial effects (grain, halation, bloom, vignette, chromatic aberration) are never in it (X-Spatial-Effects: not included).';

@ApiTags('LUT Export')
@Controller('api/v1/lut/export')
export class LutExportController {
  constructor(
    private readonly runner: OperationRunner,
    private readonly files: LutFileResponder,
  ) {}

  @Post('match')
  @HttpCode(200)
  @Operation('lut_export_match')
  @ApiProduces('text/plain', 'application/json')
  @ApiOperation({ summary: 'Export a colour match as a .cube LUT (2 credits, pro+)', description: `The same fit and bake as POST /match, so the file applied to the target reproduces the /match image. ${LUT_FILE_DOC}` })
  @ApiOkResponse({ description: 'The .cube file, or JSON `{ task_id, result: { key, url, filename, size, bytes, title, spatial_effects_included: false, note, method, params }, … }`' })
  async exportMatch(@Body() body: LutExportMatchRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    const answer = await this.runner.run(req, res, 'lut_export_match', {
      inputs: [
        { role: 'reference', inlineField: 'reference', keyField: 'reference_key', inline: body.reference, key: body.reference_key },
        { role: 'target', inlineField: 'target', keyField: 'target_key', inline: body.target, key: body.target_key },
      ],
      params: { method: body.method, params: { ...(body.params ?? {}) }, size: body.size },
    });
    return this.files.respond(res, answer, body.response_format);
  }

  @Post('before-after')
  @HttpCode(200)
  @Operation('lut_export_before_after')
  @ApiProduces('text/plain', 'application/json')
  @ApiOperation({
    summary: 'Export a LUT fitted from before/after images as a .cube (2 credits, pro+)',
    description:
      'Fits the 3D LUT that turns `before` into `after` (the same frame; sizes may differ, aspect ratios must match — 422 otherwise): ' +
      'each pixel pair is a sample, the LUT minimises the error plus a smoothness term, and colours the pair never shows are filled ' +
      'smoothly rather than snapping back to identity. The JSON result reports `fit.rms_error` (8-bit codes) and `fit.coverage` (share of the grid with samples). ' +
      LUT_FILE_DOC,
  })
  async exportBeforeAfter(@Body() body: LutExportBeforeAfterRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    const answer = await this.runner.run(req, res, 'lut_export_before_after', {
      inputs: [
        { role: 'before', inlineField: 'before', keyField: 'before_key', inline: body.before, key: body.before_key },
        { role: 'after', inlineField: 'after', keyField: 'after_key', inline: body.after, key: body.after_key },
      ],
      params: { size: body.size },
    });
    return this.files.respond(res, answer, body.response_format);
  }
}
