import { Module } from '@nestjs/common';
import { AuthGuard } from './auth.guard';
import { PrincipalResolver } from './principal-resolver.service';

/** Authentication (API keys, sessions), users, teams and API key management. */
@Module({
  providers: [PrincipalResolver, AuthGuard],
  exports: [PrincipalResolver, AuthGuard],
})
export class AuthModule {}
