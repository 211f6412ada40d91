import { createRequire } from 'node:module';
import { diag } from '@opentelemetry/api';
import type { getNodeAutoInstrumentations, InstrumentationConfigMap } from '@opentelemetry/auto-instrumentations-node';

export type Instrumentation = ReturnType<typeof getNodeAutoInstrumentations>[number];
type InstrumentationClass = new (config: object) => Instrumentation;

const PACKAGE_PREFIX = '@opentelemetry/instrumentation-';

// The instrumentation packages are required from auto-instrumentations-node's own dependencies,
// so their versions stay the ones it pins. Its entry point is never loaded: that requires all of
// its ~40 instrumentations and the cloud resource detectors, whichever are enabled.
const requireFromAutoInstrumentations = createRequire(require.resolve('@opentelemetry/auto-instrumentations-node'));

/**
 * Package names of the instrumentations to load: those OTEL_NODE_ENABLED_INSTRUMENTATIONS names
 * (else `defaults`), less those OTEL_NODE_DISABLED_INSTRUMENTATIONS names. Both lists name them
 * the way auto-instrumentations-node does, by the package's suffix (`http`, `pg`).
 */
export function enabledInstrumentations(env: NodeJS.ProcessEnv, defaults: readonly string[]): string[] {
  const enabled = env.OTEL_NODE_ENABLED_INSTRUMENTATIONS ? suffixesIn(env.OTEL_NODE_ENABLED_INSTRUMENTATIONS) : defaults;
  const disabled = new Set(suffixesIn(env.OTEL_NODE_DISABLED_INSTRUMENTATIONS));
  return enabled.filter((suffix) => !disabled.has(suffix)).map((suffix) => PACKAGE_PREFIX + suffix);
}

/** One instrumentation per package named, with its config; a package that cannot be loaded is reported and left out. */
export function loadInstrumentations(packageNames: readonly string[], configs: InstrumentationConfigMap): Instrumentation[] {
  return packageNames.flatMap((packageName) => {
    try {
      const InstrumentationOfPackage = instrumentationClassOf(packageName);
      return [new InstrumentationOfPackage(configs[packageName as keyof InstrumentationConfigMap] ?? {})];
    } catch (error) {
      diag.error(`instrumentation ${packageName} not loaded`, error);
      return [];
    }
  });
}

// Each instrumentation package exports one class named <Library>Instrumentation.
function instrumentationClassOf(packageName: string): InstrumentationClass {
  const exports = requireFromAutoInstrumentations(packageName) as Record<string, unknown>;
  const classes = Object.entries(exports).filter(([name, value]) => name.endsWith('Instrumentation') && typeof value === 'function');
  if (classes.length !== 1) throw new Error(`${packageName} exports ${classes.length} instrumentation classes, expected one`);
  return classes[0]![1] as InstrumentationClass;
}

function suffixesIn(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((suffix) => suffix.trim())
    .filter(Boolean);
}
