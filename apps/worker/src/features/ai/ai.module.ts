import { Module } from '@nestjs/common';
import { AiGradingService } from './ai-grading.service';
import { AiRefineHandler } from './ai-refine.handler';
import { AiSuggestHandler } from './ai-suggest.handler';
import { GradingAssistantService } from './grading-assistant.service';
import { RemoteAssistantClient } from './remote-assistant.client';

/** The grading assistant: `ai_suggest` and `ai_refine`. */
@Module({ providers: [RemoteAssistantClient, GradingAssistantService, AiGradingService, AiSuggestHandler, AiRefineHandler] })
export class AiFeature {}
