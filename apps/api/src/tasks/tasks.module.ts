import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { TasksController } from './tasks.controller';

@Module({ imports: [OperationsModule], controllers: [TasksController] })
export class TasksModule {}
