import { Module } from '@nestjs/common';
import { GradingFeature } from '../grading/grading.module';
import { OptionsCatalog } from './options-catalog.service';
import { OptionsController } from './options.controller';

/** The free, public listings a grading UI is built from (GET /options, /lut/sizes, /match/multi/modes). */
@Module({ imports: [GradingFeature], controllers: [OptionsController], providers: [OptionsCatalog] })
export class OptionsFeature {}
