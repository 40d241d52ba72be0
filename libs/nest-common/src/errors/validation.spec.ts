import { IsString } from 'class-validator';
import { AppException } from './app.exception';
import { createValidationPipe, nulFields } from './validation';

class NoteDto {
  @IsString()
  note!: string;
}

describe('request validation: NUL characters', () => {
  const pipe = createValidationPipe();

  it('finds NUL characters at any depth of a body, with the path of each', () => {
    expect(nulFields({ a: 'ok', b: { c: ['x', 'y\u0000'] }, d: 'z\u0000' })).toEqual(['b.c[1]', 'd']);
    expect(nulFields({ a: 'ok', n: 3, list: [1, 'two'] })).toEqual([]);
    expect(nulFields(Buffer.from([0, 1, 2]))).toEqual([]);
  });

  it('refuses a body, a query or a path parameter holding one as VALIDATION_FAILED, before the DTO', async () => {
    const refused = async (value: unknown, type: 'body' | 'query' | 'param', data?: string) => {
      const error = await pipe.transform(value, { type, metatype: type === 'param' ? String : NoteDto, data }).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(AppException);
      return { code: (error as AppException).code, details: (error as AppException).details };
    };
    expect(await refused({ note: 'a\u0000b' }, 'body')).toEqual({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'note', problems: ['note contains a NUL character'], constraints: ['noNul'] }],
    });
    expect((await refused({ note: '\u0000' }, 'query')).code).toBe('VALIDATION_FAILED');
    expect((await refused('24\u0000', 'param', 'unitCode')).details).toEqual([
      expect.objectContaining({ field: 'unitCode' }),
    ]);
    await expect(pipe.transform({ note: 'Mật ong\nNghĩa Hòa' }, { type: 'body', metatype: NoteDto })).resolves.toEqual({
      note: 'Mật ong\nNghĩa Hòa',
    });
  });
});
