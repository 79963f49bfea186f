import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { GradekitRequest, Principal } from '../common/request-context';
import { PasswordChangedResponseDto } from '../users/dto/password-changed-response.dto';
import { UserResponseDto } from '../users/dto/user-response.dto';
import { CurrentPrincipal, OptionalPrincipal, Public } from './auth.decorators';
import { AuthService, type ClientInfo } from './auth.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginResponseDto } from './dto/login-response.dto';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { SessionResponseDto } from './dto/session-response.dto';
import { RegistrationService } from './registration.service';

function clientOf(req: GradekitRequest): ClientInfo {
  // req.ip honours X-Forwarded-For only from the proxies `trust proxy` names (bootstrap.ts).
  return { ip: req.ip ?? req.socket.remoteAddress ?? 'unknown', userAgent: req.header('user-agent') ?? null };
}

const THROTTLED = { status: 429, description: 'RATE_LIMITED: too many attempts for this account or address; see Retry-After.' };

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly registration: RegistrationService,
  ) {}

  @Post('register')
  @Public()
  @ApiOperation({
    summary: 'Create a user',
    description:
      'The first user of an instance may register without credentials and becomes an admin. After that only an admin may register users ' +
      '(any role, team and plan), unless the `open_signup` setting is true: then anyone may register as a `user` on `free` in the default team. ' +
      'New users start with their plan\u2019s monthly credits. 401 when registration is closed and no credentials were sent; 403 for non-admins; 409 for a taken username or email.',
    // Credentials are optional here: an admin's unlock the role, team_id and plan fields.
    security: [{}, { ApiKey: [] }, { Bearer: [] }],
  })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiResponse({ status: 401, description: 'UNAUTHORIZED: registration is closed and no credentials were sent.' })
  @ApiResponse({ status: 403, description: 'FORBIDDEN: not an admin (or role/team_id/plan sent by a non-admin).' })
  @ApiResponse({ status: 409, description: 'CONFLICT: username or email taken.' })
  @ApiResponse(THROTTLED)
  register(@OptionalPrincipal() caller: Principal | undefined, @Body() dto: RegisterDto, @Req() req: GradekitRequest): Promise<UserResponseDto> {
    return this.registration.register(caller, dto, clientOf(req).ip);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in, get a session token',
    description: 'Accepts a username or an email. Wrong credentials: 401 INVALID_CREDENTIALS, with the same message whether or not the user exists. Attempts are limited per account and per client address.',
    security: [],
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiResponse({ status: 401, description: 'INVALID_CREDENTIALS' })
  @ApiResponse(THROTTLED)
  login(@Body() dto: LoginDto, @Req() req: GradekitRequest): Promise<LoginResponseDto> {
    return this.auth.login(dto.username, dto.password, clientOf(req));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the current session', description: 'The token stops working at once. Called with an API key: 400 (revoke keys with DELETE /api/v1/api-keys/{id}).' })
  @ApiNoContentResponse({ description: 'Logged out' })
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.auth.logout(principal);
  }

  @Get('session')
  @ApiOperation({ summary: 'Who am I', description: 'The caller\u2019s user, team, plan, credit balance and how the request was authenticated (session expiry included).' })
  @ApiOkResponse({ type: SessionResponseDto })
  session(@CurrentPrincipal() principal: Principal): Promise<SessionResponseDto> {
    return this.auth.session(principal);
  }

  @Post('change-password')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change your password',
    description: 'Ends all your other sessions and revokes all your API keys; the session making the call stays valid. 400 when current_password is wrong.',
  })
  @ApiOkResponse({ type: PasswordChangedResponseDto })
  @ApiResponse(THROTTLED)
  changePassword(@CurrentPrincipal() principal: Principal, @Body() dto: ChangePasswordDto, @Req() req: GradekitRequest): Promise<PasswordChangedResponseDto> {
    return this.auth.changePassword(principal, dto.current_password, dto.new_password, clientOf(req));
  }
}
