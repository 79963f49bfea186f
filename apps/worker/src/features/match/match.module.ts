import { Module } from '@nestjs/common';
import { MatchBatchHandler } from './match-batch.handler';
import { MatchEngine } from './match-engine.service';
import { MatchMultiHandler } from './match-multi.handler';
import { MatchHandler } from './match.handler';

/** `match`, `match_batch`, `match_multi`; exports the MatchEngine that LUT export and actions reuse. */
@Module({ providers: [MatchEngine, MatchHandler, MatchBatchHandler, MatchMultiHandler], exports: [MatchEngine] })
export class MatchFeature {}
