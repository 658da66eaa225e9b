export * from './load';
export * from './workloads';
