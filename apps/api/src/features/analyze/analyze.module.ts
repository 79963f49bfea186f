import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { OperationsModule } from '../../operations/operations.module';
import { sandboxDemos } from '../../operations/sandbox/sandbox-demos';
import { AnalyzeRoute } from './analyze.routes';
import analyzeDemo from './demo/analyze.json';

/** POST /analyze. */
@Module({
  imports: [OperationsModule],
  controllers: [AnalyzeRoute],
  providers: [sandboxDemos(path.join(__dirname, 'demo'), { analyze: { kind: 'data', result: analyzeDemo } })],
})
export class AnalyzeFeature {}
