import { Module } from '@nestjs/common';
import { ProductCycleController } from './product-cycle.controller';
import { ProductCycleService } from './product-cycle.service';

@Module({ controllers: [ProductCycleController], providers: [ProductCycleService] })
export class ProductCycleModule {}
