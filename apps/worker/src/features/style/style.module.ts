import { Module } from '@nestjs/common';
import { StyleTransferEngine } from './style-transfer-engine.service';
import { StyleTransferHandler } from './style-transfer.handler';

/** Style transfer: the built-in band graph or a manifest style model. */
@Module({ providers: [StyleTransferEngine, StyleTransferHandler] })
export class StyleFeature {}
