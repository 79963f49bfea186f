import { Module } from '@nestjs/common';
import { FilmEffectsApplyHandler } from './film-effects-apply.handler';
import { GradedImageRenderer } from './graded-image.renderer';
import { LookApplyHandler } from './look-apply.handler';
import { PresetApplyHandler } from './preset-apply.handler';
import { WhiteBalanceHandler } from './white-balance.handler';

/** Presets, looks, film effects and white balance. */
@Module({ providers: [GradedImageRenderer, PresetApplyHandler, FilmEffectsApplyHandler, LookApplyHandler, WhiteBalanceHandler] })
export class GradingFeature {}
