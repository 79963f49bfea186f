import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LutExportPresetRequestDto } from '@gradekit/contracts';
import type { GradekitRequest } from '../../common/request-context';
import { GradingCatalog } from '../grading/grading-catalog.service';
import { LutFileResponder } from '../../operations/lut-file.responder';
import { Operation } from '../../operations/operation.decorator';
import { operationSummary } from '../../operations/operation-route';
import { OperationRunner } from '../../operations/operation-runner.service';
import { LUT_FILE_DOC } from './lut-export.routes';

@ApiTags('LUT Export')
@Controller('api/v1/lut/export')
export class LutExportPresetController {
  constructor(
    private readonly runner: OperationRunner,
    private readonly files: LutFileResponder,
    private readonly catalog: GradingCatalog,
  ) {}

  @Post('preset/:preset_name')
  @HttpCode(200)
  @Operation('lut_export_preset')
  @ApiProduces('text/plain', 'application/json')
  @ApiParam({ name: 'preset_name', example: 'teal_orange', description: 'A name from GET /api/v1/presets' })
  @ApiOperation({
    summary: operationSummary('lut_export_preset', 'Export a preset as a .cube LUT'),
    description:
      'No image needed (the body may be empty): the preset at `intensity` baked at `size` — at the default 33 the very LUT ' +
      'POST /presets/{preset_name}/apply applies, so the file reproduces that endpoint’s image in Resolve, Premiere or ffmpeg. ' +
      `An unknown preset name is a 404 and costs nothing. ${LUT_FILE_DOC}`,
  })
  @ApiOkResponse({ description: 'The .cube file, or JSON `{ task_id, result: { key, url, filename, format, size, bytes, title, spatial_effects_included: false, note, preset, intensity }, … }`' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no preset with this name' })
  async exportPreset(@Param('preset_name') presetName: string, @Body() body: LutExportPresetRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    this.catalog.requirePreset(presetName);
    const answer = await this.runner.run(req, res, 'lut_export_preset', { webhookUrl: body.webhook_url, inputs: [], params: { preset: presetName, size: body.size, intensity: body.intensity } });
    return this.files.respond(res, answer, body.response_format);
  }
}
