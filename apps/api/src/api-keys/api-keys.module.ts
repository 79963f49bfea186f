import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AdminApiKeysController } from './admin-api-keys.controller';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';

@Module({ imports: [UsersModule], controllers: [ApiKeysController, AdminApiKeysController], providers: [ApiKeysService] })
export class ApiKeysModule {}
