import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { SettingsModule } from '../settings/settings.module';
import { TeamsModule } from '../teams/teams.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle.service';
import { PrincipalResolver } from './principal-resolver.service';
import { RegistrationService } from './registration.service';

/** Authentication (API keys, sessions), users, teams, API key management and runtime settings. */
@Module({
  imports: [UsersModule, TeamsModule, ApiKeysModule, SettingsModule],
  controllers: [AuthController],
  providers: [PrincipalResolver, AuthGuard, AuthService, RegistrationService, LoginThrottle],
  exports: [PrincipalResolver, AuthGuard],
})
export class AuthModule {}
