import { Module } from '@nestjs/common';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';
import { UserProvisioner } from './user-provisioner.service';

/** User administration and account creation (UserProvisioner is shared with registration; AdminUsersService with the admin API-key routes). */
@Module({
  controllers: [AdminUsersController],
  providers: [AdminUsersService, UserProvisioner],
  exports: [UserProvisioner, AdminUsersService],
})
export class UsersModule {}
