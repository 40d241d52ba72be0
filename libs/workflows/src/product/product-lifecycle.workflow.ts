import {
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  certificateIssuedSignal,
  productCertificateQuery,
  productHistoryQuery,
  productStageChangedSignal,
  productStageQuery,
  SearchAttributes,
  TaskQueues,
  type CertificateIssuedSignal,
  type EvaluationCertificateActivities,
  type ProductCertificateState,
  type ProductLifecycleInput,
  type ProductStage,
  type ProductStageChange,
  type RegistrationProductActivities,
} from '@ocop/contracts';
import { certificateSchedule, nextDue } from './certificate-schedule';

const registration = proxyActivities<RegistrationProductActivities>({
  taskQueue: TaskQueues.registration,
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const evaluation = proxyActivities<EvaluationCertificateActivities>({
  taskQueue: TaskQueues.evaluation,
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

const EXPIRED_AWAITS_RE_EVALUATION = 'expired-awaits-re-evaluation';

/**
 * Whether nothing more happens to the product in this workflow. An expired product may still be
 * re-evaluated (OCOP.md §5.5): under this patch its workflow waits for the new certificate; runs
 * started before the patch ended on expiry, and replay that way.
 */
function isFinal(stage: ProductStage): boolean {
  if (stage === 'withdrawn' || stage === 'revoked') return true;
  return stage === 'expired' && !patched(EXPIRED_AWAITS_RE_EVALUATION);
}

/** Keeps each run's history short; the product's own history is carried into the next run. */
const CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;

/**
 * One product's life through the OCOP cycle (workflow id `product-<productId>`): the stage the services
 * report (signal `stageChanged`), and from its first certificate the validity's timers (OCOP.md §5.5):
 * an early reminder, the formal notice at least 30 days before expiry, and expiry itself unless a new
 * certificate (upgrade, re-evaluation) arrived first. Each new certificate starts a fresh run
 * (continue-as-new), also after expiry (a late re-evaluation). Revocation or withdrawal end it. Timers are durable: they fire after any
 * restart of workers or server.
 */
export async function productLifecycle(input: ProductLifecycleInput): Promise<ProductStage> {
  let stage: ProductStage = input.stage;
  const history: ProductStageChange[] = input.history ?? [
    { stage, at: new Date().toISOString(), reason: 'registered' },
  ];
  let certificate: ProductCertificateState | null = input.certificate ?? null;
  const pending: ProductStageChange[] = [];
  // Held in an object: a signal handler sets it, which plain control-flow narrowing cannot see.
  const inbox: { issued: CertificateIssuedSignal | null } = { issued: null };

  setHandler(productStageQuery, () => stage);
  setHandler(productHistoryQuery, () => history);
  setHandler(productCertificateQuery, () => certificate);
  setHandler(productStageChangedSignal, ({ stage: next, reason }) => {
    pending.push({ stage: next, at: new Date().toISOString(), reason });
  });
  setHandler(certificateIssuedSignal, (signal) => {
    // A redelivered signal for the certificate in force changes nothing.
    if (signal.certificateId !== certificate?.certificateId) inbox.issued = signal;
  });

  if (!input.history) {
    const { workflowId, runId } = workflowInfo();
    await registration.attachProductWorkflow({ productId: input.productId, workflowId, runId });
  }
  // A run continued for a new certificate shows that certificate's stars and expiry.
  if (certificate) upsertCertificateAttributes(certificate);

  while (!isFinal(stage)) {
    const due = certificate ? nextDue(certificateSchedule(certificate), Date.now(), certificate) : undefined;
    const wake = () => pending.length > 0 || inbox.issued !== null || workflowInfo().continueAsNewSuggested;
    if (due === undefined) await condition(wake);
    else await condition(wake, Math.max(due.at - Date.now(), 1));

    for (const change of pending.splice(0)) {
      if (change.stage === stage) continue;
      stage = change.stage;
      history.push(change);
      upsertSearchAttributes([{ key: SearchAttributes.stage, value: stage }]);
    }
    if (isFinal(stage)) break;

    const next = inbox.issued;
    if (next !== null) {
      inbox.issued = null;
      const fresh: ProductCertificateState = { ...next };
      history.push({ stage, at: new Date().toISOString(), reason: `certificate ${next.number}: ${next.stars} stars` });
      if (certificate) {
        // A new certificate supersedes the one in force: its timers start in a fresh run.
        await continueAsNew<typeof productLifecycle>({ ...input, stage, history, certificate: fresh });
      }
      certificate = fresh;
      upsertCertificateAttributes(certificate);
      continue;
    }

    if (certificate) await runDueSteps(certificate);

    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > CONTINUE_AS_NEW_AFTER_EVENTS) {
      await continueAsNew<typeof productLifecycle>({ ...input, stage, history, certificate });
    }
  }
  return stage;
}

/** Sends whichever reminder or expiry has fallen due, at most once each (the state records them). */
async function runDueSteps(certificate: ProductCertificateState): Promise<void> {
  const due = nextDue(certificateSchedule(certificate), Date.now(), certificate);
  if (!due || due.at > Date.now()) return;
  const now = new Date().toISOString();
  if (due.step === 'expiry') {
    await evaluation.expireCertificate({
      certificateId: certificate.certificateId,
      asOf: dayAfter(certificate.validUntil),
    });
    certificate.expiredAt = now;
    return;
  }
  // A late start (the notice is already due) sends the notice only: the reminder would say less.
  const kind = due.step;
  // The days really left (a reminder sent late after an outage says so), never more than configured.
  const configured = kind === 'notice' ? certificate.noticeDays : certificate.reminderDays;
  const left = Math.ceil((certificateSchedule(certificate).expiry - Date.now()) / 86_400_000);
  const daysBefore = Math.max(0, Math.min(configured, left));
  await evaluation.sendExpiryNotice({ certificateId: certificate.certificateId, kind, daysBefore });
  if (kind === 'notice') certificate.noticedAt = now;
  certificate.remindedAt ??= now;
}

function upsertCertificateAttributes(certificate: ProductCertificateState): void {
  upsertSearchAttributes([
    { key: SearchAttributes.stars, value: certificate.stars },
    { key: SearchAttributes.certificateExpiry, value: new Date(certificateSchedule(certificate).expiry) },
    { key: SearchAttributes.regulationVersion, value: certificate.regulationVersion },
  ]);
}

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
