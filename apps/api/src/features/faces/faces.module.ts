import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { OperationsModule } from '../../operations/operations.module';
import { sandboxDemos } from '../../operations/sandbox/sandbox-demos';
import facesDetectDemo from './demo/faces-detect.json';
import { FacesDetectRoute } from './faces.routes';

/** POST /faces/detect (a Gradekit extension of the ShotMatch API). */
@Module({
  imports: [OperationsModule],
  controllers: [FacesDetectRoute],
  providers: [sandboxDemos(path.join(__dirname, 'demo'), { faces_detect: { kind: 'data', result: facesDetectDemo } })],
})
export class FacesFeature {}
