import { ApiProperty } from '@nestjs/swagger';

/** The one error shape of every API: `{ code, message, details }`. */
export class ErrorResponse {
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable, machine-readable code' })
  code!: string;

  @ApiProperty({
    example: 'Dữ liệu gửi lên không hợp lệ',
    description: 'Message in the language of Accept-Language (vi by default)',
  })
  message!: string;

  @ApiProperty({ required: false, description: 'Structured detail, e.g. the invalid fields', nullable: true })
  details?: unknown;
}

export interface FieldProblem {
  field: string;
  problems: string[];
  /** Names of the failed constraints, for clients that localise messages themselves. */
  constraints: string[];
}
