import { Module } from '@nestjs/common';
import { BackgroundRemover } from './background-remover.service';
import { BgRemoveHandler } from './bg-remove.handler';

/** Background removal (bg_remove_apply) on the model runtime. */
@Module({ providers: [BackgroundRemover, BgRemoveHandler] })
export class BackgroundFeature {}
