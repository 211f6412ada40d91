export * from './topology';
export * from './order-events';
export * from './payment-events';
