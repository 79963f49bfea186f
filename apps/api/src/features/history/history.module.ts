import { Module } from '@nestjs/common';
import { HistoryController } from './history.controller';
import { HistoryFilesController } from './history-files.controller';
import { HistoryObjectsCleaner } from './history-objects.cleaner';
import { HistoryPresenter } from './history.presenter';

/**
 * History (docs/library.md): the list, the filmstrip, each entry's files (image, LUT,
 * video) and deletes that take the entries' stored objects with them. No operations of
 * its own: the worker writes the entries, with each task's result.
 */
@Module({
  controllers: [HistoryController, HistoryFilesController],
  providers: [HistoryPresenter, HistoryObjectsCleaner],
})
export class HistoryFeature {}
