/** The service's own entities (the outbox and inbox are added by the platform). */
export const REPORTING_ENTITIES = [];
