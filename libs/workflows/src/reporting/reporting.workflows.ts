import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, proxyActivities, setHandler, sleep, startChild, workflowInfo } from '@temporalio/workflow';
import {
  reportPeriodStatusQuery,
  reportPeriodWorkflowId,
  TaskQueues,
  type ReportingActivities,
  type ReportingScheduleWorkflowInput,
  type ReportPeriodStatus,
  type ReportPeriodWorkflowInput,
} from '@ocop/contracts';
import { reminderStillUseful, reportPeriodActions, vietnamDate } from './report-period-schedule';

const reporting = proxyActivities<ReportingActivities>({
  taskQueue: TaskQueues.reporting,
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

/**
 * Started by the obligation's Temporal Schedule (`reporting-<obligation>`, Asia/Ho_Chi_Minh): opens every
 * period of the obligation that has started and is not long past its escalation day, one workflow
 * `report-<obligation>-<period>` each. A period already opened is refused by Temporal (the workflow id is
 * the business key), so a run that catches up after an outage, or runs twice, opens nothing twice.
 */
export async function reportingScheduleWorkflow(
  input: ReportingScheduleWorkflowInput,
): Promise<{ today: string; opened: string[]; alreadyOpen: string[] }> {
  const today = vietnamDate(Date.now());
  const periods = await reporting.periodsToOpen({
    obligationCode: input.obligationCode,
    today,
    catchUpDays: input.catchUpDays,
  });
  const opened: string[] = [];
  const alreadyOpen: string[] = [];
  for (const period of periods) {
    try {
      await startChild(reportPeriodWorkflow, {
        workflowId: reportPeriodWorkflowId(input.obligationCode, period.key),
        taskQueue: workflowInfo().taskQueue,
        args: [{ obligationCode: input.obligationCode, period }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      opened.push(period.key);
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      alreadyOpen.push(period.key);
    }
  }
  return { today, opened, alreadyOpen };
}

/**
 * One obligation's report for one period (OCOP.md §7): opens it, reminds the units that have not submitted on
 * the reminder days (08:00, Vietnam), and on the escalation day tells the level above who is overdue. A step
 * whose time passed while the workflow was not running is taken at once when it runs again; a reminder that
 * comes after the deadline, or behind a later one that is also due, is skipped. Ends after the escalation.
 */
export async function reportPeriodWorkflow(input: ReportPeriodWorkflowInput): Promise<ReportPeriodStatus> {
  const actions = reportPeriodActions(input.period);
  const status: ReportPeriodStatus = { done: [], skipped: [], next: null, reminded: {}, overdue: null };
  setHandler(reportPeriodStatusQuery, () => status);

  await reporting.openPeriod(input);
  status.done.push('open');

  for (const action of actions) {
    status.next = { key: action.key, at: new Date(action.at).toISOString() };
    if (action.at > Date.now()) await sleep(action.at - Date.now());
    if (!reminderStillUseful(actions, action, input.period, Date.now())) {
      status.skipped.push(action.key);
      continue;
    }
    if (action.kind === 'remind') {
      const { reminded } = await reporting.remindNonSubmitters({
        ...input,
        step: action.key,
        daysLeft: action.daysLeft,
      });
      status.reminded[action.key] = reminded;
    } else {
      const { overdue } = await reporting.escalateOverdue({ ...input, step: action.key });
      status.overdue = overdue;
    }
    status.done.push(action.key);
  }
  status.next = null;
  return status;
}
