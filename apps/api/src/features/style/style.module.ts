import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { OperationsModule } from '../../operations/operations.module';
import { sandboxDemos } from '../../operations/sandbox/sandbox-demos';
import styleTransferDemo from './demo/style-transfer.json';
import { StyleTransferRoute } from './style.routes';

/** Style transfer: its apply route and sandbox demo. */
@Module({
  imports: [OperationsModule],
  controllers: [StyleTransferRoute],
  providers: [sandboxDemos(path.join(__dirname, 'demo'), { style_transfer_apply: { kind: 'image', file: 'style-transfer.jpg', result: styleTransferDemo } })],
})
export class StyleFeature {}
