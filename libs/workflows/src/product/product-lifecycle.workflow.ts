import {
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  productHistoryQuery,
  productStageChangedSignal,
  productStageQuery,
  SearchAttributes,
  TaskQueues,
  type ProductLifecycleInput,
  type ProductStage,
  type ProductStageChange,
  type RegistrationProductActivities,
} from '@ocop/contracts';

const registration = proxyActivities<RegistrationProductActivities>({
  taskQueue: TaskQueues.registration,
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Stages after which nothing more happens to the product in this workflow. */
const FINAL_STAGES: readonly ProductStage[] = ['withdrawn', 'revoked', 'expired'];

/** Keeps each run's history short; the product's own history is carried into the next run. */
const CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;

/**
 * One product's life through the OCOP cycle (workflow id `product-<productId>`). This first version
 * tracks the stage the services report; later issues add the cycle's timers and evaluation steps.
 */
export async function productLifecycle(input: ProductLifecycleInput): Promise<ProductStage> {
  let stage: ProductStage = input.stage;
  const history: ProductStageChange[] = input.history ?? [
    { stage, at: new Date().toISOString(), reason: 'registered' },
  ];
  const pending: ProductStageChange[] = [];

  setHandler(productStageQuery, () => stage);
  setHandler(productHistoryQuery, () => history);
  setHandler(productStageChangedSignal, ({ stage: next, reason }) => {
    pending.push({ stage: next, at: new Date().toISOString(), reason });
  });

  if (!input.history) {
    const { workflowId, runId } = workflowInfo();
    await registration.attachProductWorkflow({ productId: input.productId, workflowId, runId });
  }

  while (!FINAL_STAGES.includes(stage)) {
    await condition(() => pending.length > 0 || workflowInfo().continueAsNewSuggested);
    for (const change of pending.splice(0)) {
      if (change.stage === stage) continue;
      stage = change.stage;
      history.push(change);
      upsertSearchAttributes([{ key: SearchAttributes.stage, value: stage }]);
    }
    const info = workflowInfo();
    if (
      !FINAL_STAGES.includes(stage) &&
      (info.continueAsNewSuggested || info.historyLength > CONTINUE_AS_NEW_AFTER_EVENTS)
    ) {
      await continueAsNew<typeof productLifecycle>({ ...input, stage, history });
    }
  }
  return stage;
}
