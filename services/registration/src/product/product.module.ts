import { Module } from '@nestjs/common';
import { ProducerModule } from '../producer/producer.module';
import { ProductController } from './product.controller';
import { ProductService } from './product.service';

@Module({
  imports: [ProducerModule],
  controllers: [ProductController],
  providers: [ProductService],
})
export class ProductModule {}
