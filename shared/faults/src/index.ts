export * from './points';
export * from './rule';
export * from './grammar';
export * from './baggage';
export * from './fault-store';
export * from './injector';
