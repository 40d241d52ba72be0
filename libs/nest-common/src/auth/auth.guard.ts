import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@ocop/contracts';
import { AppException } from '../errors/app.exception';
import { CommonErrors } from '../errors/error-catalogue';
import { IS_PUBLIC, REQUIRED_ROLES, type AuthenticatedRequest } from './auth.decorators';
import { TokenVerifier } from './token-verifier';

/**
 * Global guard: every HTTP route needs a valid bearer token unless marked @Public(), and the roles
 * named by @Roles(). Jurisdiction over a unit is checked by JurisdictionService where the unit is known.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new AppException(CommonErrors.AUTH_REQUIRED);
    const user = await this.verifier.verify(match[1]!);
    if (!user) throw new AppException(CommonErrors.AUTH_INVALID_TOKEN);
    request.user = user;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !user.roles.includes('admin') && !required.some((role) => user.roles.includes(role))) {
      throw new AppException(CommonErrors.FORBIDDEN_ROLE, {}, { required, held: user.roles });
    }
    return true;
  }
}
