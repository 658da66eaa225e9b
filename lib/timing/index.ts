export * from './defaults';
export * from './budgets';
export * from './sizing';
export * from './restart';
export * from './rollout';
