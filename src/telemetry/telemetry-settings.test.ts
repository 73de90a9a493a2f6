import { describe, expect, it } from 'vitest';
import { parseOtelKeyValues } from './parse-otel-key-values.js';
import { MAX_EXPORT_TIMEOUT_MS, resolveTelemetrySettings } from './telemetry-settings.js';
import { testIntent } from './test-run-events.js';

describe('resolveTelemetrySettings', () => {
  it('exports over OTLP only when an endpoint is set, appending /v1/traces to the generic one', () => {
    expect(resolveTelemetrySettings(testIntent(), {}).otlp).toBeUndefined();
    const generic = resolveTelemetrySettings(testIntent(), {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/',
    });
    expect(generic.otlp).toMatchObject({ url: 'http://127.0.0.1:4318/v1/traces', protocol: 'http/protobuf' });
    const signal = resolveTelemetrySettings(testIntent(), {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:9999/custom',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    });
    expect(signal.otlp).toMatchObject({ url: 'http://127.0.0.1:9999/custom', protocol: 'http/json' });
  });

  it('falls back to http/protobuf with a notice for grpc, and caps the timeout', () => {
    const settings = resolveTelemetrySettings(testIntent(), {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4317',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_TIMEOUT: '60000',
    });
    expect(settings.otlp?.protocol).toBe('http/protobuf');
    expect(settings.notices).toEqual([
      'OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported here; sending http/protobuf',
    ]);
    expect(settings.otlp?.timeoutMillis).toBe(MAX_EXPORT_TIMEOUT_MS);
  });

  it('honours OTEL_TRACES_EXPORTER=none, OTEL_SDK_DISABLED and the intent', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' };
    expect(
      resolveTelemetrySettings(testIntent(), { ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).otlp,
    ).toBeUndefined();
    expect(resolveTelemetrySettings(testIntent(), { ...endpoint, OTEL_SDK_DISABLED: 'TRUE' }).enabled).toBe(
      false,
    );
    const off = resolveTelemetrySettings(testIntent('json', false), endpoint);
    expect(off).toMatchObject({ enabled: false });
    expect(off.traceFileFormat).toBeUndefined();
    expect(resolveTelemetrySettings(testIntent('yaml'), {}).traceFileFormat).toBe('yaml');
  });

  it('takes the service name from OTEL_SERVICE_NAME, then OTEL_RESOURCE_ATTRIBUTES, then swarmlord', () => {
    expect(resolveTelemetrySettings(testIntent(), {}).serviceName).toBe('swarmlord');
    expect(
      resolveTelemetrySettings(testIntent(), { OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-resource' })
        .serviceName,
    ).toBe('from-resource');
    expect(
      resolveTelemetrySettings(testIntent(), {
        OTEL_SERVICE_NAME: 'from-env',
        OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-resource',
      }).serviceName,
    ).toBe('from-env');
  });
});

describe('parseOtelKeyValues', () => {
  it('parses percent-encoded pairs and skips malformed ones', () => {
    expect(parseOtelKeyValues('a=1, b = two%20words ,broken,=x,c=50%')).toEqual({
      a: '1',
      b: 'two words',
      c: '50%',
    });
    expect(parseOtelKeyValues(undefined)).toEqual({});
  });
});
