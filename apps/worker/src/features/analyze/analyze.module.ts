import { Module } from '@nestjs/common';
import { AnalyzeHandler } from './analyze.handler';
import { ImageInfoHandler } from './image-info.handler';

/** `analyze` (colour statistics) and `image_info` (header facts): reading an image without changing it. */
@Module({ providers: [AnalyzeHandler, ImageInfoHandler] })
export class AnalyzeFeature {}
