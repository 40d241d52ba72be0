import type { ServiceName } from '../events/streams';

/** One Temporal task queue per service; activities run on the queue of the service owning their data. */
export const TaskQueues: Readonly<Record<ServiceName, string>> = {
  registration: 'registration',
  evaluation: 'evaluation',
  promotion: 'promotion',
  reporting: 'reporting',
};
