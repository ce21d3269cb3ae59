import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventEntity } from '../events/event.entity';
import { TourEntity } from './tour.entity';
import { ToursController } from './tours.controller';
import { ToursRepository } from './tours.repository';
import { ToursService } from './tours.service';

/** Tours. Exports ToursService so EventsModule can check that an event's tour exists. */
@Module({
  // EventEntity: read only, to refuse deleting a tour that still has events.
  imports: [TypeOrmModule.forFeature([TourEntity, EventEntity])],
  controllers: [ToursController],
  providers: [ToursRepository, ToursService],
  exports: [ToursService],
})
export class ToursModule {}
