import { Module } from '@nestjs/common';
import { LocalObjectController } from './local-object.controller';
import { StorageController } from './storage.controller';
import { StorageService } from './storage.service';

@Module({
  controllers: [LocalObjectController, StorageController],
  providers: [StorageService],
  exports: [StorageService],
})
export class StorageModule {}
