export { fetchTrace, recentTraceIds, type Trace, type TraceSpan } from './jaeger-trace';
export { buildWaterfall, type Waterfall, type WaterfallRow } from './waterfall';
export { renderWaterfall, waterfallJson, type RenderOptions } from './render';
