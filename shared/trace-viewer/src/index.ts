export { fetchTrace, recentTraceIds, traceFromJaeger, TraceTooLargeError, type FetchTraceOptions, type Trace, type TraceSpan, type SpanEvent, type SpanLink, type SpanStatus } from './jaeger-trace';
export { spanTree, endOf, type SpanTree } from './span-tree';
export { criticalPath, type CriticalSection } from './critical-path';
export { selfTimeUs } from './self-time';
export { buildWaterfall, type Waterfall, type WaterfallRow } from './waterfall';
export { renderWaterfall, type RenderOptions } from './render';
export { waterfallJson, type DetailLimits, type WaterfallSpanJson } from './waterfall-json';
export { renderSpanDetails, rowsMatching } from './span-details';
