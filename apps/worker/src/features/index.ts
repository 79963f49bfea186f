import { ActionsFeature } from './actions/actions.module';
import { AiFeature } from './ai/ai.module';
import { AnalyzeFeature } from './analyze/analyze.module';
import { BackgroundFeature } from './background/background.module';
import { FacesFeature } from './faces/faces.module';
import { GradingFeature } from './grading/grading.module';
import { LutFeature } from './lut/lut.module';
import { MatchFeature } from './match/match.module';
import { StyleFeature } from './style/style.module';
import { VideoFeature } from './video/video.module';
import { WebhooksFeature } from './webhooks/webhooks.module';

/**
 * The worker's feature modules, one per capability folder. Each lists its handlers
 * (marked @TaskHandler()) as providers; the HandlerRegistry finds them, so an
 * operation added to an existing feature changes nothing here.
 */
export const WORKER_FEATURES = [AnalyzeFeature, MatchFeature, LutFeature, GradingFeature, AiFeature, ActionsFeature, VideoFeature, WebhooksFeature, FacesFeature, BackgroundFeature, StyleFeature];
