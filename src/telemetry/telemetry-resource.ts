import type { Resource } from '@opentelemetry/resources';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import type { TelemetrySettings } from './telemetry-settings.js';

/**
 * The SDK's default resource (`telemetry.sdk.*`) with `OTEL_RESOURCE_ATTRIBUTES` over it and the
 * service name on top, as the specification orders them.
 */
export function buildTelemetryResource(settings: TelemetrySettings, version?: string): Resource {
  return defaultResource().merge(
    resourceFromAttributes({
      ...(version === undefined ? {} : { 'service.version': version }),
      ...settings.resourceAttributes,
      'service.name': settings.serviceName,
    }),
  );
}
