import { Module } from '@nestjs/common';
import { CycleCalendarModule } from '../cycle-calendar/cycle-calendar.module';
import { ProducerModule } from '../producer/producer.module';
import { ProductGroupModule } from '../product-group/product-group.module';
import { ProductController } from './product.controller';
import { ProductService } from './product.service';

@Module({
  imports: [ProducerModule, ProductGroupModule, CycleCalendarModule],
  controllers: [ProductController],
  providers: [ProductService],
})
export class ProductModule {}
