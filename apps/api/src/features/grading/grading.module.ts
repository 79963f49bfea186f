import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { OperationsModule } from '../../operations/operations.module';
import { sandboxDemos } from '../../operations/sandbox/sandbox-demos';
import filmEffectsDemo from './demo/film-effects.json';
import lookDemo from './demo/look.json';
import presetDemo from './demo/preset.json';
import whiteBalanceDemo from './demo/white-balance.json';
import { FilmEffectsController } from './film-effects.controller';
import { GradingCatalog } from './grading-catalog.service';
import { LooksController } from './looks.controller';
import { PresetsController } from './presets.controller';
import { WhiteBalanceController } from './white-balance.controller';

/** Presets, looks, film effects (their listings and apply routes) and white balance; exports the catalog other features check names against. */
@Module({
  imports: [OperationsModule],
  controllers: [PresetsController, FilmEffectsController, LooksController, WhiteBalanceController],
  providers: [
    GradingCatalog,
    sandboxDemos(path.join(__dirname, 'demo'), {
      preset_apply: { kind: 'image', file: 'preset.jpg', result: presetDemo },
      film_effects_apply: { kind: 'image', file: 'film-effects.jpg', result: filmEffectsDemo },
      look_apply: { kind: 'image', file: 'look.jpg', result: lookDemo },
      white_balance_apply: { kind: 'image', file: 'white-balance.jpg', result: whiteBalanceDemo },
    }),
  ],
  exports: [GradingCatalog],
})
export class GradingFeature {}
