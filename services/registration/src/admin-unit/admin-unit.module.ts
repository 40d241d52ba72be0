import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitHierarchy } from '@ocop/nest-common';
import { AdminUnitController } from './admin-unit.controller';
import { AdminUnitMappingEntity } from './admin-unit-mapping.entity';
import { AdminUnitEntity } from './admin-unit.entity';
import { AdminUnitRpcController } from './admin-unit.rpc.controller';
import { AdminUnitService } from './admin-unit.service';

@Module({
  imports: [TypeOrmModule.forFeature([AdminUnitEntity, AdminUnitMappingEntity])],
  controllers: [AdminUnitController, AdminUnitRpcController],
  providers: [AdminUnitService, { provide: UnitHierarchy, useExisting: AdminUnitService }],
  exports: [AdminUnitService, UnitHierarchy],
})
export class AdminUnitModule {}
