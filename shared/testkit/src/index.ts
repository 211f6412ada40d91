export { stackEndpoints, type StackEndpoints } from './endpoints';
export { eventually, type EventuallyOptions } from './eventually';
export { ensureStack, isStackReady, type StackHandle } from './ensure-stack';
export { createShopClient, TEST_CARDS, type ShopClient, type ShopResponse } from './shop-client';
export { fetchTrace, waitForTrace, type Trace, type TraceSpan } from './jaeger';
export { findSpan, findSpans, parentOf, ancestorsOf, isDescendantOf, rootsOf, servicesIn, describeTrace, type SpanQuery } from './trace-assertions';
export { connectDatabases, createTestProduct, type Databases, type ServiceDatabase } from './databases';
export { connectBroker, type BrokerConnection, type DeadLetter } from './broker';
