import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { OperationsModule } from '../../operations/operations.module';
import { sandboxDemos } from '../../operations/sandbox/sandbox-demos';
import { BgRemoveController } from './bg-remove.controller';
import bgRemoveDemo from './demo/bg-remove.json';

/** Background removal: POST /bg-remove/apply and its sandbox demo (a real ISNet cutout, tools/dev/make-bg-remove-demo.ts). */
@Module({
  imports: [OperationsModule],
  controllers: [BgRemoveController],
  providers: [sandboxDemos(path.join(__dirname, 'demo'), { bg_remove_apply: { kind: 'image', file: 'bg-remove.png', result: bgRemoveDemo } })],
})
export class BackgroundFeature {}
