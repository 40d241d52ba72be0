// Workflow code only: this module is bundled by the Temporal worker and must stay deterministic.
export { productLifecycle } from './product/product-lifecycle.workflow';
export { roundWorkflow } from './round/round.workflow';
export { cycleWorkflow } from './cycle/cycle.workflow';
export { reportingScheduleWorkflow, reportPeriodWorkflow } from './reporting';
