import { Injectable } from '@nestjs/common';
import { NATIONAL_UNIT_CODE } from '@ocop/contracts';
import { AppException, defineErrors } from '@ocop/nest-common';
import { UnitDirectory } from '../unit/unit-directory.service';
import { calendarOf, CURRENT_UNITS_FROM, type PeriodDeadline, type ReportingObligation } from './reporting-calendar';
import { readObligations } from './reporting-obligations.data';

export const ObligationErrors = defineErrors({
  OBLIGATION_NOT_FOUND: { status: 404, vi: 'Không có nghĩa vụ báo cáo {code}', en: 'No reporting obligation {code}' },
  OBLIGATION_PERIOD_NOT_FOUND: {
    status: 400,
    vi: 'Nghĩa vụ báo cáo {code} không có kỳ {period}',
    en: 'Reporting obligation {code} has no period {period}',
  },
  OBLIGATION_NOT_CURRENT: {
    status: 409,
    vi: 'Kỳ {period} của nghĩa vụ {code} thuộc đơn vị hành chính cũ (trước 01/7/2025): không nộp báo cáo trên hệ thống',
    en: 'Period {period} of {code} belongs to the legacy units (before 1 July 2025): no report is filed here',
  },
});

/** A unit that must report for an obligation, and the unit above that receives it. */
export interface Reporter {
  unitCode: string;
  recipientUnitCode: string;
}

@Injectable()
export class ObligationService {
  readonly obligations: ReportingObligation[] = readObligations();

  constructor(private readonly units: UnitDirectory) {}

  get(code: string): ReportingObligation {
    const obligation = this.obligations.find((candidate) => candidate.code === code);
    if (!obligation) throw new AppException(ObligationErrors.OBLIGATION_NOT_FOUND, { code });
    return obligation;
  }

  calendar(code: string, year: number): PeriodDeadline[] {
    return calendarOf(this.get(code), year);
  }

  /** A period of the obligation's calendar by key (2026-M03…), or OBLIGATION_PERIOD_NOT_FOUND. */
  period(code: string, periodKey: string): PeriodDeadline {
    const year = Number(periodKey.slice(0, 4));
    const period = /^\d{4}/.test(periodKey)
      ? calendarOf(this.get(code), year).find((candidate) => candidate.key === periodKey)
      : undefined;
    if (!period) throw new AppException(ObligationErrors.OBLIGATION_PERIOD_NOT_FOUND, { code, period: periodKey });
    return period;
  }

  /** A period reported with the 2025 units (else OBLIGATION_NOT_CURRENT). */
  currentPeriod(code: string, periodKey: string): { obligation: ReportingObligation; period: PeriodDeadline } {
    const obligation = this.get(code);
    const period = this.period(code, periodKey);
    if (!obligation.current || period.end < CURRENT_UNITS_FROM)
      throw new AppException(ObligationErrors.OBLIGATION_NOT_CURRENT, { code, period: periodKey });
    return { obligation, period };
  }

  /** Who must report for the obligation (with the 2025 units), under `within` when given (a province or VN). */
  async reporters(obligation: ReportingObligation, within: string = NATIONAL_UNIT_CODE): Promise<Reporter[]> {
    const current = obligation.current;
    if (!current) return [];
    if (current.reporters === 'provinces') {
      if (within !== NATIONAL_UNIT_CODE) {
        const unit = await this.units.find(within);
        return unit?.level === 'province' ? [{ unitCode: within, recipientUnitCode: NATIONAL_UNIT_CODE }] : [];
      }
      return (await this.units.provinces()).map((unit) => ({
        unitCode: unit.code,
        recipientUnitCode: NATIONAL_UNIT_CODE,
      }));
    }
    const provinces =
      current.of === NATIONAL_UNIT_CODE ? (await this.units.provinces()).map((unit) => unit.code) : [current.of];
    const reporters: Reporter[] = [];
    for (const province of provinces) {
      for (const commune of await this.units.communesOf(province))
        reporters.push({ unitCode: commune.code, recipientUnitCode: province });
    }
    if (within === NATIONAL_UNIT_CODE) return reporters;
    return reporters.filter((reporter) => reporter.recipientUnitCode === within || reporter.unitCode === within);
  }
}
