import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { OperationsModule } from '../../operations/operations.module';
import { sandboxDemos } from '../../operations/sandbox/sandbox-demos';
import { ActionsController } from './actions.controller';
import { ActionsService } from './actions.service';
import { ApplyActionController } from './apply-action.controller';
import actionDemo from './demo/action.json';

/** Saved processing actions (CRUD) and POST /actions/apply. */
@Module({
  imports: [OperationsModule],
  // ApplyActionController first: its literal `apply` route must win over `:id`.
  controllers: [ApplyActionController, ActionsController],
  providers: [ActionsService, sandboxDemos(path.join(__dirname, 'demo'), { action_apply: { kind: 'image', file: 'action.jpg', result: actionDemo } })],
})
export class ActionsFeature {}
