export * from './probes';
export * from './model';
export * from './format';
export * from './explain';
export * from './timeline';
export * from './svg';
export * from './simulated';
