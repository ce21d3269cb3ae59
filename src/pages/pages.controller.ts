import { Controller, Get, Header, Redirect, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Authenticator } from '../auth/authenticator.service';
import { Public } from '../auth/decorators/public.decorator';

/** Folder of the page files: `src/pages/public` under tests, `dist/src/pages/public` once built. */
export const PAGES_PUBLIC_DIR = join(__dirname, 'public');
/** Stylesheets, scripts and icons, served by `express.static` at `/assets` (see app.factory.ts). */
export const PAGES_ASSETS_DIR = join(PAGES_PUBLIC_DIR, 'assets');

const HTML = 'text/html; charset=utf-8';

/**
 * The HTML pages. They are public static files: what they show comes from `/api/v1` with the session
 * cookie, and a page whose API call answers 401 sends the browser to `/login`. `no-store` keeps the
 * back/forward cache from restoring a page (and whatever it held) after sign-out.
 */
@ApiExcludeController()
@Public()
@Controller()
export class PagesController {
  constructor(private readonly authenticator: Authenticator) {}

  /**
   * Decided on the server, so the browser makes one hop and never paints the wrong page. `@Req()` and
   * `@Res()` are needed because this is not an API route: the Authenticator reads the cookie from the
   * raw request and may refresh it on the response (passthrough keeps Nest in charge of replying).
   */
  @Get()
  @Redirect()
  @Header('Cache-Control', 'no-store')
  async root(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ url: string; statusCode: number }> {
    const { principal } = await this.authenticator.authenticate(req, res);
    // Only a browser session counts: an API key cannot use the dashboard.
    return { url: principal?.method === 'session' ? '/dashboard' : '/login', statusCode: 302 };
  }

  @Get('login')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  login(): Promise<string> {
    return page('login.html');
  }

  @Get('dashboard')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  dashboard(): Promise<string> {
    return page('dashboard.html');
  }

  @Get('dashboard/api-keys')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  apiKeys(): Promise<string> {
    return page('api-keys.html');
  }
}

function page(file: string): Promise<string> {
  return readFile(join(PAGES_PUBLIC_DIR, file), 'utf8');
}
