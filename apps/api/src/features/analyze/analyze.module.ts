import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { OperationsModule } from '../../operations/operations.module';
import { sandboxDemos } from '../../operations/sandbox/sandbox-demos';
import { AnalyzeRoute, ImageInfoRoute } from './analyze.routes';
import analyzeDemo from './demo/analyze.json';
import imageInfoDemo from './demo/image-info.json';

/** POST /analyze and /image/info. */
@Module({
  imports: [OperationsModule],
  controllers: [AnalyzeRoute, ImageInfoRoute],
  providers: [sandboxDemos(path.join(__dirname, 'demo'), {
      analyze: { kind: 'data', result: analyzeDemo },
      image_info: { kind: 'data', result: imageInfoDemo },
    })],
})
export class AnalyzeFeature {}
