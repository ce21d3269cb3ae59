import { Module } from '@nestjs/common';
import { PagesController } from './pages.controller';

/** The login page and the dashboard: static HTML, CSS and small JS modules over the `/api/v1` API. */
@Module({ controllers: [PagesController] })
export class PagesModule {}
