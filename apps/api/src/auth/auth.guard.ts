import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@gradekit/contracts';
import type { GradekitRequest } from '../common/request-context';
import { IS_ADMIN_ONLY, IS_PUBLIC } from './auth.decorators';
import { PrincipalResolver } from './principal-resolver.service';

/** First global guard: who is calling (401 when a protected route gets no valid credentials), and admin-only routes (403). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly resolver: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<GradekitRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const principal = await this.resolver.resolve(req);
    if (principal) req.principal = principal;
    if (isPublic) return true;
    if (!principal) {
      throw new DomainError('UNAUTHORIZED', 'Missing or invalid API key', [
        { message: 'Send X-API-Key: <key>, or Authorization: Bearer <API key or session token>' },
      ]);
    }
    if (this.reflector.getAllAndOverride<boolean>(IS_ADMIN_ONLY, targets) && principal.user.role !== 'admin') {
      throw new DomainError('FORBIDDEN', 'This route is for administrators');
    }
    return true;
  }
}
