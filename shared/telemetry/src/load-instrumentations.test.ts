import { createRequire } from 'node:module';
import { diag, type DiagLogger } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { enabledInstrumentations, loadInstrumentations, type Instrumentation } from './load-instrumentations';

const PG = '@opentelemetry/instrumentation-pg';
const PINO = '@opentelemetry/instrumentation-pino';

// Node's own module cache, where the instrumentation packages land when required.
function loadedInstrumentationPackages(): string[] {
  const packages = Object.keys(createRequire(__filename).cache).map((file) => /(@opentelemetry\/instrumentation-[^/]+)\//.exec(file)?.[1]);
  return [...new Set(packages.filter((name) => name !== undefined))].sort();
}

describe('enabledInstrumentations', () => {
  it('when neither variable is set, names the defaults as packages', () => {
    expect(enabledInstrumentations({}, ['pg', 'pino'])).toEqual([PG, PINO]);
  });

  it('takes OTEL_NODE_ENABLED_INSTRUMENTATIONS over the defaults, less OTEL_NODE_DISABLED_INSTRUMENTATIONS', () => {
    const env = { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http, pg,pino', OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'pino' };
    expect(enabledInstrumentations(env, ['amqplib'])).toEqual(['@opentelemetry/instrumentation-http', PG]);
  });
});

describe('loadInstrumentations', () => {
  let loaded: Instrumentation[] = [];
  afterEach(() => {
    for (const instrumentation of loaded) instrumentation.disable();
    loaded = [];
    diag.disable();
  });

  it('loads the packages of the named instrumentations and none of the rest of the bundle', () => {
    loaded = loadInstrumentations([PG, PINO], {});

    expect(loaded.map((instrumentation) => instrumentation.instrumentationName)).toEqual([PG, PINO]);
    expect(loadedInstrumentationPackages()).toEqual([PG, PINO]);
  });

  it('gives each instrumentation its own config', () => {
    loaded = loadInstrumentations([PG, PINO], { [PG]: { requireParentSpan: true, ignoreConnectSpans: true }, [PINO]: { disableLogSending: true } });

    expect(loaded[0]?.getConfig()).toMatchObject({ requireParentSpan: true, ignoreConnectSpans: true });
    expect(loaded[1]?.getConfig()).toMatchObject({ disableLogSending: true });
  });

  it('when a named package is not in the bundle, reports it and loads the others', () => {
    const errors: string[] = [];
    const logger: DiagLogger = { error: (message) => errors.push(message), warn: () => {}, info: () => {}, debug: () => {}, verbose: () => {} };
    diag.setLogger(logger);

    loaded = loadInstrumentations(['@opentelemetry/instrumentation-no-such-library', PG], {});

    expect(loaded.map((instrumentation) => instrumentation.instrumentationName)).toEqual([PG]);
    expect(errors).toEqual(['instrumentation @opentelemetry/instrumentation-no-such-library not loaded']);
  });
});
