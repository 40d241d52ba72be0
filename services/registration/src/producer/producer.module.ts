import { Module } from '@nestjs/common';
import { AdminUnitModule } from '../admin-unit/admin-unit.module';
import { ProducerController } from './producer.controller';
import { ProducerService } from './producer.service';

@Module({
  imports: [AdminUnitModule],
  controllers: [ProducerController],
  providers: [ProducerService],
  exports: [ProducerService],
})
export class ProducerModule {}
