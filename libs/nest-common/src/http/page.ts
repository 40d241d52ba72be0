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
 * The total a page shows without a count: a page shorter than its limit is the last one, so the total is its
 * offset plus its length. Undefined when the page is full (more may follow) or empty past the start (the
 * offset may lie beyond the end); the caller then counts.
 */
export function totalFromPage(itemCount: number, query: Pick<PageQuery, 'limit' | 'offset'>): number | undefined {
  if (itemCount >= query.limit) return undefined;
  if (itemCount === 0 && query.offset > 0) return undefined;
  return query.offset + itemCount;
}

/**
 * One page of an ordered query and the total it pages through: the page first, then a count only when the
 * page does not show the total (`totalFromPage`). Every list route pages this way.
 */
export async function pageOf<T extends ObjectLiteral>(
  builder: SelectQueryBuilder<T>,
  query: Pick<PageQuery, 'limit' | 'offset'>,
): Promise<Page<T>> {
  const items = await builder.take(query.limit).skip(query.offset).getMany();
  const total = totalFromPage(items.length, query) ?? (await builder.getCount());
  return { items, total, limit: query.limit, offset: query.offset };
}
