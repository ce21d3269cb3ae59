import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ToursModule } from '../tours/tours.module';
import { EventEntity } from './event.entity';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { TourEventsController } from './tour-events.controller';

/** Events, and a tour's events list. Depends on ToursModule to check that a tour exists. */
@Module({
  imports: [TypeOrmModule.forFeature([EventEntity]), ToursModule],
  controllers: [EventsController, TourEventsController],
  providers: [EventsRepository, EventsService],
})
export class EventsModule {}
