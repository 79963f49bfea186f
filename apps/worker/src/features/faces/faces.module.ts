import { Module } from '@nestjs/common';
import { FaceDetector } from './face-detector.service';
import { FacesDetectHandler } from './faces-detect.handler';

/** `faces_detect`; exports FaceDetector, the face detection other features use (match's preserve_skin_tones). */
@Module({ providers: [FaceDetector, FacesDetectHandler], exports: [FaceDetector] })
export class FacesFeature {}
