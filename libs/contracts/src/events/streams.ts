/** The services of the platform. Each owns one JetStream stream holding the events it publishes. */
export const SERVICE_NAMES = ['registration', 'evaluation', 'promotion', 'reporting'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface StreamDefinition {
  name: string;
  subjects: string[];
}

export function streamOf(service: ServiceName): StreamDefinition {
  return { name: `OCOP_${service.toUpperCase()}`, subjects: [`ocop.${service}.>`] };
}

/** The service (and so the stream) a subject belongs to: `ocop.<service>.…`. */
export function serviceOfSubject(subject: string): ServiceName {
  const service = subject.split('.')[1];
  if (!(SERVICE_NAMES as readonly string[]).includes(service ?? '')) {
    throw new Error(`Subject ${subject} does not name a known service`);
  }
  return service as ServiceName;
}
