import { Module } from '@nestjs/common';
import { LutFeature } from '../lut/lut.module';
import { ActionApplyHandler } from './action-apply.handler';
import { ActionStepPlanner } from './action-step.planner';

/** `action_apply`: a chain of steps as one job. */
@Module({ imports: [LutFeature], providers: [ActionStepPlanner, ActionApplyHandler] })
export class ActionsFeature {}
