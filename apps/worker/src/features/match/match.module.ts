import { Module } from '@nestjs/common';
import { FacesFeature } from '../faces/faces.module';
import { MatchBatchHandler } from './match-batch.handler';
import { MatchEngine } from './match-engine.service';
import { MatchMultiHandler } from './match-multi.handler';
import { MatchHandler } from './match.handler';

/** `match`, `match_batch`, `match_multi`; exports the MatchEngine that LUT export and actions reuse (it detects faces for preserve_skin_tones). */
@Module({ imports: [FacesFeature], providers: [MatchEngine, MatchHandler, MatchBatchHandler, MatchMultiHandler], exports: [MatchEngine] })
export class MatchFeature {}
