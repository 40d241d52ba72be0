import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Paging and free-text search shared by every list endpoint. */
export class PageQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 10_000_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  // A bound the database's integers can hold (3.6e307 is an "integer" to JavaScript).
  @Max(10_000_000)
  offset: number = 0;

  @ApiPropertyOptional({
    description: 'Words of the name, with or without Vietnamese diacritics',
    example: 'mat ong nghia hoa',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * One page of an ordered query and the total it pages through: `take`/`skip` from the page query, one
 * `getManyAndCount`. Every list route pages this way.
 */
export async function pageOf<T extends ObjectLiteral>(
  builder: SelectQueryBuilder<T>,
  query: Pick<PageQuery, 'limit' | 'offset'>,
): Promise<Page<T>> {
  const [items, total] = await builder.take(query.limit).skip(query.offset).getManyAndCount();
  return { items, total, limit: query.limit, offset: query.offset };
}
