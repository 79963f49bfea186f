import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { OperationsModule } from '../../operations/operations.module';
import { sandboxDemos } from '../../operations/sandbox/sandbox-demos';
import { AiController } from './ai.controller';
import aiRefineDemo from './demo/ai-refine.json';
import aiSuggestDemo from './demo/ai-suggest.json';

/** POST /ai/suggest and /ai/refine. */
@Module({
  imports: [OperationsModule],
  controllers: [AiController],
  providers: [
    sandboxDemos(path.join(__dirname, 'demo'), {
      ai_suggest: { kind: 'image', file: 'ai-suggest.jpg', result: aiSuggestDemo },
      ai_refine: { kind: 'image', file: 'ai-refine.jpg', result: aiRefineDemo },
    }),
  ],
})
export class AiFeature {}
