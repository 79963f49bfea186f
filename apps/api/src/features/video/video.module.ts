import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { OperationsModule } from '../../operations/operations.module';
import { sandboxDemos } from '../../operations/sandbox/sandbox-demos';
import { GradingFeature } from '../grading/grading.module';
import videoGradeDemo from './demo/video-grade.json';
import videoProbeDemo from './demo/video-probe.json';
import videoTestDemo from './demo/video-test.json';
import { VideoController } from './video.controller';
import { VideoUploadController } from './video-upload.controller';
import { VideoUploadService } from './video-upload.service';

/** Video: upload + probe, the test frame and the graded clip (a graded clip's files in history: the history feature). Imports grading for its preset and look catalog. */
@Module({
  imports: [OperationsModule, GradingFeature],
  controllers: [VideoUploadController, VideoController],
  providers: [
    VideoUploadService,
    sandboxDemos(path.join(__dirname, 'demo'), {
      video_probe: { kind: 'data', result: videoProbeDemo },
      video_test: { kind: 'image', file: 'video-test.jpg', result: videoTestDemo },
      video_grade: { kind: 'video', file: 'video-grade.mp4', result: videoGradeDemo },
    }),
  ],
})
export class VideoFeature {}
