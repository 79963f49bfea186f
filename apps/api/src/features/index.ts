import { ActionsFeature } from './actions/actions.module';
import { AiFeature } from './ai/ai.module';
import { AnalyzeFeature } from './analyze/analyze.module';
import { BackgroundFeature } from './background/background.module';
import { FacesFeature } from './faces/faces.module';
import { GradingFeature } from './grading/grading.module';
import { HistoryFeature } from './history/history.module';
import { LutFeature } from './lut/lut.module';
import { MatchFeature } from './match/match.module';
import { OptionsFeature } from './options/options.module';
import { PreferencesFeature } from './preferences/preferences.module';
import { StyleFeature } from './style/style.module';
import { WebhooksFeature } from './webhooks/webhooks.module';
import { VideoFeature } from './video/video.module';

/**
 * The api's feature modules, one per capability folder. Each owns its routes and its
 * sandbox demos (discovered by SandboxResults); an operation added to an existing
 * feature changes nothing here.
 */
export const API_FEATURES = [AnalyzeFeature, MatchFeature, LutFeature, GradingFeature, AiFeature, ActionsFeature, VideoFeature, HistoryFeature, OptionsFeature, PreferencesFeature, WebhooksFeature, FacesFeature, BackgroundFeature, StyleFeature];
