// `pnpm deps:graph`: the workspace packages and what their production code imports, as Mermaid
// text (tests left out: every package's tests use the testkit, which would hide the shape).
import lint from './.dependency-cruiser.mjs';

export default {
  options: {
    ...lint.options,
    includeOnly: '^(services|shared|tools)/[^/]+/src/|^load-tests/(src|k6)/',
    exclude: { path: '(^|/)(dist|node_modules)/|\\.test\\.m?ts$' },
    collapse: '^(services|shared|tools)/[^/]+|^load-tests',
    reporterOptions: { mermaid: { minify: false } },
  },
};
