// The repo's shape, checked by `pnpm lint` (depcruise): no cycles, services never import each
// other, shared/ never imports what runs on it, and production code never reaches into tests.
// Type-only imports count (tsPreCompilationDeps): a type cycle is still a cycle.
const TEST_FILE = '(\\.test\\.m?ts$|^(services|shared|tools)/[^/]+/test/|^load-tests/test/|^e2e/|^infra/test/|^vitest\\.config\\.mts$)';
// What may use the testkit besides tests: the screenshots tool and the load runner drive the shop through
// it, and the service testkit (what services' tests start their app with) is built on it.
const TESTKIT_USERS = '^(shared/testkit/|shared/service-testkit/|tools/screenshots/|load-tests/)';

export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle ties modules into one: cut it by moving what both sides need into a third module.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-service-to-service',
      comment: 'Services talk over HTTP and RabbitMQ, never by import; what they share lives in shared/.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'shared-stands-alone',
      comment: 'shared/ libraries are what services, tools and load tests run on, never the reverse.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(services|tools|load-tests)/' },
    },
    {
      name: 'services-never-import-tools',
      comment: 'Tools and load tests use the shop from outside; the services do not depend on them.',
      severity: 'error',
      from: { path: '^services/' },
      to: { path: '^(tools|load-tests)/' },
    },
    {
      name: 'services-never-load-the-fault-admin-client',
      comment: 'The fault admin client calls the services from outside (fault CLI, labs, experiments); what a service runs never loads it.',
      severity: 'error',
      from: { path: '^(services|shared)/', pathNot: '^shared/(fault-admin-client|testkit)/' },
      to: { path: '^shared/fault-admin-client/' },
    },
    {
      name: 'no-tests-in-production',
      comment: 'Production code never imports a test file: move what both need next to the production code.',
      severity: 'error',
      from: { pathNot: TEST_FILE },
      to: { path: TEST_FILE },
    },
    {
      name: 'testkit-only-for-tests',
      comment: 'The testkit starts stacks and asserts on traces: tests, the screenshots tool and the load runner use it, production code does not.',
      severity: 'error',
      from: { pathNot: [TEST_FILE, TESTKIT_USERS] },
      to: { path: '^shared/(service-)?testkit/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing: a typo, a missing dependency, or a workspace package without src/.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    webpackConfig: { fileName: '.dependency-cruiser.resolve.mjs' },
    // ESM-only packages (vite) resolve only through their exports map.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
