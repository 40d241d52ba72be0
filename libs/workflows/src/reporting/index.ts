export { reportingScheduleWorkflow, reportPeriodWorkflow } from './reporting.workflows';
