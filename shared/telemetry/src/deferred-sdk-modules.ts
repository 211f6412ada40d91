import { registerHooks } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * What `@opentelemetry/sdk-node` requires as it loads, although a service uses each only when
 * the environment asks for it: the exporters for every protocol and signal (OTLP over gRPC and
 * HTTP/JSON, Zipkin, Prometheus), the metrics and logs SDKs, B3 propagation and the declarative
 * configuration reader. tracebed exports traces as OTLP http/protobuf, so none of these run;
 * loaded, they cost about 17 MB of RSS and 260 modules per process (gRPC alone is most of it).
 */
export const DEFERRED_SDK_MODULES: readonly string[] = [
  '@opentelemetry/configuration',
  '@opentelemetry/exporter-logs-otlp-grpc',
  '@opentelemetry/exporter-logs-otlp-http',
  '@opentelemetry/exporter-logs-otlp-proto',
  '@opentelemetry/exporter-metrics-otlp-grpc',
  '@opentelemetry/exporter-metrics-otlp-http',
  '@opentelemetry/exporter-metrics-otlp-proto',
  '@opentelemetry/exporter-prometheus',
  '@opentelemetry/exporter-trace-otlp-grpc',
  '@opentelemetry/exporter-trace-otlp-http',
  '@opentelemetry/exporter-zipkin',
  '@opentelemetry/otlp-grpc-exporter-base',
  '@opentelemetry/propagator-b3',
  '@opentelemetry/sdk-logs',
  '@opentelemetry/sdk-metrics',
];

// The packages whose requires of them are deferred: sdk-node, and the OTLP transformer behind the
// trace exporter, which loads the serializers (and SDKs) of all three signals.
const DEFERRING_PACKAGES = ['/@opentelemetry/sdk-node/', '/@opentelemetry/otlp-transformer/'];
// Stand-ins get file names of their own (the real module's cache entry stays the real module's).
const STAND_IN_URL = pathToFileURL('/tracebed-deferred-sdk-module/').href;
const realFiles: string[] = [];
let registered = false;

/**
 * From now on, when sdk-node (or its OTLP transformer) requires one of DEFERRED_SDK_MODULES, it gets a stand-in that
 * requires the real module the first time anything is read from it. Nothing changes for any
 * other module, or for sdk-node when the environment picks one of them (OTEL_TRACES_EXPORTER=zipkin,
 * OTEL_EXPORTER_OTLP_PROTOCOL=grpc, OTEL_METRICS_EXPORTER=otlp): that one then loads on use.
 */
export function deferUnusedSdkModules(): void {
  if (registered) return;
  registered = true;
  const deferred = new Set(DEFERRED_SDK_MODULES);
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      if (!deferred.has(specifier) || !isFromDeferringPackage(context.parentURL)) return resolved;
      const realFile = fileURLToPath(resolved.url);
      let index = realFiles.indexOf(realFile);
      if (index < 0) index = realFiles.push(realFile) - 1;
      return { url: `${STAND_IN_URL}${index}.cjs`, format: 'commonjs', shortCircuit: true };
    },
    load(url, context, nextLoad) {
      if (!url.startsWith(STAND_IN_URL)) return nextLoad(url, context);
      const realFile = realFiles[Number(url.slice(STAND_IN_URL.length, -'.cjs'.length))];
      return { format: 'commonjs', source: standInSource(realFile!), shortCircuit: true };
    },
  });
}

function isFromDeferringPackage(parentUrl: string | undefined): boolean {
  return parentUrl !== undefined && DEFERRING_PACKAGES.some((files) => parentUrl.includes(files));
}

/** A module whose exports read through to the real module, required on the first read. */
function standInSource(realFile: string): string {
  return `'use strict';
let real;
const load = () => (real ??= require(${JSON.stringify(realFile)}));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
    return descriptor && { ...descriptor, configurable: true };
  },
});
`;
}
