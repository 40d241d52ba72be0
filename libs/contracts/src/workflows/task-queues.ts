import type { ServiceName } from '../events/streams';

/** One Temporal task queue per service; activities run on the queue of the service owning their data. */
export const TaskQueues: Readonly<Record<ServiceName, string>> = {
  registration: 'registration',
  evaluation: 'evaluation',
  promotion: 'promotion',
  reporting: 'reporting',
};

/**
 * Registered on every service's worker: a workflow publishes a domain event of that service through the
 * service's outbox. Idempotent: the event id derives from the workflow id and the activity id, so a retried
 * activity writes the event once.
 */
export interface EventActivities {
  publishEvent(input: { subject: string; data: unknown }): Promise<string>;
}
