import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { GradekitRequest, Principal } from '../common/request-context';

export const IS_PUBLIC = 'gradekit:public';
export const IS_ADMIN_ONLY = 'gradekit:admin-only';

/** The route needs no credentials (credentials sent anyway are still read). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only users with the admin role may call the route (403 otherwise). */
export const AdminOnly = () => SetMetadata(IS_ADMIN_ONLY, true);

/** The authenticated caller; only on routes that are not @Public(). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<GradekitRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});

/** The caller on a @Public() route: undefined when no valid credentials were sent. */
export const OptionalPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal | undefined => {
  return ctx.switchToHttp().getRequest<GradekitRequest>().principal;
});
