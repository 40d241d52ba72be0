import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { defineEvent, serviceOfSubject, type EventActivities } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { SERVICE_IDENTITY, type ServiceIdentity } from '../service-identity';

/** A UUID (version 8, name-based on SHA-256) from a key, so the same key always gives the same id. */
export function deterministicUuid(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Lets workflows publish the service's own events through its outbox (see EventActivities). */
@Injectable()
export class ServiceEventActivities implements EventActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  activities(): EventActivities {
    return { publishEvent: this.publishEvent.bind(this) };
  }

  async publishEvent(input: { subject: string; data: unknown }): Promise<string> {
    let contract;
    try {
      contract = defineEvent<unknown>(input.subject);
      if (serviceOfSubject(input.subject) !== this.identity.name)
        throw new Error(`not an event of ${this.identity.name}`);
    } catch (error) {
      throw ApplicationFailure.nonRetryable(
        `Cannot publish ${input.subject}: ${String(error)}`,
        'INVALID_EVENT_SUBJECT',
      );
    }
    const { workflowExecution, activityId } = Context.current().info;
    if (!workflowExecution)
      throw ApplicationFailure.nonRetryable('publishEvent runs only from a workflow', 'NO_WORKFLOW');
    const id = deterministicUuid(`${workflowExecution.workflowId}/${workflowExecution.runId}/${activityId}`);
    await this.dataSource.transaction((manager) => this.outbox.append(manager, contract, input.data, { id }));
    return id;
  }
}
