import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { ActionsController } from './actions.controller';
import { ActionsService } from './actions.service';
import { ApplyActionController } from './apply-action.controller';

@Module({
  imports: [OperationsModule],
  // ApplyActionController first: its literal `apply` route must win over `:id`.
  controllers: [ApplyActionController, ActionsController],
  providers: [ActionsService],
})
export class ActionsModule {}
