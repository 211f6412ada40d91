export { fetchTrace, recentTraceIds, traceFromJaeger, TraceTooLargeError, type FetchTraceOptions, type JaegerTrace, type JaegerSpan, type Trace, type TraceSpan, type SpanEvent, type SpanLink, type SpanStatus } from './jaeger-trace';
export { searchTraces, searchUrl, SearchTooLargeError, DEFAULT_SEARCH_MAX_BYTES, type TraceSearch, type SearchOptions } from './jaeger-search';
export { spanTree, endOf, type SpanTree } from './span-tree';
export { criticalPath, type CriticalSection } from './critical-path';
export { selfTimeUs } from './self-time';
export { buildWaterfall, type Waterfall, type WaterfallRow } from './waterfall';
export { waterfallJson, type DetailLimits, type WaterfallSpanJson } from './waterfall-json';
