import { Module } from '@nestjs/common';
import { MatchFeature } from '../match/match.module';
import { ExampleLutService } from './example-lut.service';
import { LutApplyHandler } from './lut-apply.handler';
import { LutExportBeforeAfterHandler } from './lut-export-before-after.handler';
import { LutExportMatchHandler } from './lut-export-match.handler';
import { LutExportPresetHandler } from './lut-export-preset.handler';

/** LUT export (match, preset, before/after) and apply; exports ExampleLutService (actions read uploaded .cube files with it). */
@Module({
  imports: [MatchFeature],
  providers: [ExampleLutService, LutExportMatchHandler, LutExportPresetHandler, LutApplyHandler, LutExportBeforeAfterHandler],
  exports: [ExampleLutService],
})
export class LutFeature {}
