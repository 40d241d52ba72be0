import { Injectable } from '@nestjs/common';
import type { EvaluationCertificateActivities, EvaluationRoundActivities } from '@ocop/contracts';
import { CertificateLifecycleService } from './certificate/certificate-lifecycle.service';
import { RoundActivities } from './round/round.activities';

/** Every activity evaluation's worker runs for the workflows: certificates' timers and rounds' timers. */
@Injectable()
export class EvaluationActivities {
  constructor(
    private readonly certificates: CertificateLifecycleService,
    private readonly rounds: RoundActivities,
  ) {}

  activities(): EvaluationCertificateActivities & EvaluationRoundActivities {
    return { ...this.certificates.activities(), ...this.rounds.activities() };
  }
}
