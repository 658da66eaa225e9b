export * from './load';
export * from './record';
export * from './workloads';
export * from './ports';
export * from './probes';
export * from './commands';
export * from './grace';
