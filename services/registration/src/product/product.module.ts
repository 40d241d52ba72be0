import { Module } from '@nestjs/common';
import { ProducerModule } from '../producer/producer.module';
import { ProductGroupModule } from '../product-group/product-group.module';
import { ProductController } from './product.controller';
import { ProductService } from './product.service';

@Module({
  imports: [ProducerModule, ProductGroupModule],
  controllers: [ProductController],
  providers: [ProductService],
})
export class ProductModule {}
