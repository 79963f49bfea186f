import { Module } from '@nestjs/common';
import { AnalyzeHandler } from './analyze.handler';

/** `analyze`: colour statistics of an image. */
@Module({ providers: [AnalyzeHandler] })
export class AnalyzeFeature {}
