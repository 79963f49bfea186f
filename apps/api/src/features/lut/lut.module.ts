import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { OperationsModule } from '../../operations/operations.module';
import { sandboxDemos } from '../../operations/sandbox/sandbox-demos';
import { GradingFeature } from '../grading/grading.module';
import lutApplyDemo from './demo/lut-apply.json';
import beforeAfterLutDemo from './demo/lut-export-before-after.json';
import lutDemo from './demo/lut-export-match.json';
import presetLutDemo from './demo/lut-export-preset.json';
import { LutApplyController } from './lut-apply.controller';
import { LutExportPresetController } from './lut-export-preset.controller';
import { LutExportBeforeAfterRoute, LutExportMatchRoute } from './lut-export.routes';

/** POST /lut/export/{match,before-after,preset/{name}} and /lut/apply. Imports grading for its preset catalog. */
@Module({
  imports: [OperationsModule, GradingFeature],
  controllers: [LutExportMatchRoute, LutExportBeforeAfterRoute, LutExportPresetController, LutApplyController],
  providers: [
    sandboxDemos(path.join(__dirname, 'demo'), {
      lut_export_match: { kind: 'lut', file: 'match.cube', result: lutDemo },
      lut_export_preset: { kind: 'lut', file: 'preset.cube', result: presetLutDemo },
      lut_apply: { kind: 'image', file: 'lut-apply.jpg', result: lutApplyDemo },
      lut_export_before_after: { kind: 'lut', file: 'before-after.cube', result: beforeAfterLutDemo },
    }),
  ],
})
export class LutFeature {}
