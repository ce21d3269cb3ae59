import { Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { Public } from '../../src/auth/decorators/public.decorator';
import { Roles } from '../../src/auth/decorators/roles.decorator';
import { CurrentPrincipal } from '../../src/auth/decorators/current-principal.decorator';
import type { Principal } from '../../src/auth/principal';

/**
 * Routes that exist only in tests, declared the way a feature team would declare them, to prove the
 * global guard's behaviour (deny by default, @Public, @Roles, CSRF) independently of any feature.
 */
@Controller('probe')
class ProbeController {
  @Get()
  whoami(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Post()
  @HttpCode(200)
  change(@CurrentPrincipal() principal: Principal): { changedBy: string } {
    return { changedBy: principal.userId };
  }

  @Get('admin')
  @Roles('admin')
  adminOnly(): { ok: true } {
    return { ok: true };
  }

  @Get('public')
  @Public()
  open(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
