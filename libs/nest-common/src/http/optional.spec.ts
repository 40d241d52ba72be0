import { plainToInstance } from 'class-transformer';
import { IsBoolean, IsOptional, validateSync } from 'class-validator';
import { IsOptionalNotNull } from './optional';

class Patch {
  @IsOptionalNotNull()
  @IsBoolean()
  youthStartup?: boolean;

  @IsOptional()
  @IsBoolean()
  clearable?: boolean | null;
}

const problems = (body: object) =>
  validateSync(plainToInstance(Patch, body)).map((error) => error.property);

describe('IsOptionalNotNull', () => {
  it('lets the field be left out or set, and refuses null where @IsOptional would let it through', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ youthStartup: true })).toEqual([]);
    expect(problems({ youthStartup: null })).toEqual(['youthStartup']);
    expect(problems({ clearable: null })).toEqual([]);
  });
});
