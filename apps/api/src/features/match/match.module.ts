import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { OperationsModule } from '../../operations/operations.module';
import { sandboxDemos } from '../../operations/sandbox/sandbox-demos';
import matchMultiDemo from './demo/match-multi.json';
import matchDemo from './demo/match.json';
import { MatchBatchController } from './match-batch.controller';
import { MatchMultiController } from './match-multi.controller';
import { MatchRoute } from './match.routes';

/** POST /match, /match/batch and /match/multi. */
@Module({
  imports: [OperationsModule],
  controllers: [MatchRoute, MatchBatchController, MatchMultiController],
  providers: [
    sandboxDemos(path.join(__dirname, 'demo'), {
      match: { kind: 'image', file: 'match.jpg', result: matchDemo },
      match_batch: { kind: 'images', file: 'match.jpg', item: matchDemo, count: 2 },
      match_multi: { kind: 'image', file: 'match-multi.jpg', result: matchMultiDemo },
    }),
  ],
})
export class MatchFeature {}
