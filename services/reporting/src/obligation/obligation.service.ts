import { Injectable } from '@nestjs/common';
import { AppException, defineErrors } from '@ocop/nest-common';
import { calendarOf, type PeriodDeadline, type ReportingObligation } from './reporting-calendar';
import { readObligations } from './reporting-obligations.data';

export const ObligationErrors = defineErrors({
  OBLIGATION_NOT_FOUND: { status: 404, vi: 'Không có nghĩa vụ báo cáo {code}', en: 'No reporting obligation {code}' },
});

@Injectable()
export class ObligationService {
  readonly obligations: ReportingObligation[] = readObligations();

  calendar(code: string, year: number): PeriodDeadline[] {
    const obligation = this.obligations.find((candidate) => candidate.code === code);
    if (!obligation) throw new AppException(ObligationErrors.OBLIGATION_NOT_FOUND, { code });
    return calendarOf(obligation, year);
  }
}
