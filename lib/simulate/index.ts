/**
 * A kubelet-faithful, discrete-event simulation of a container's probes over a scenario: what the
 * app does over time (startup, hangs, errors, exits, dependency outages) in, and the kubelet's
 * probe results, Ready/NotReady, kills and restarts out. See docs/simulate.md.
 */
export * from './types';
export { ScenarioError, parseScenario } from './scenario';
export { containerFromJson } from './container';
export { EventSink, simulate, simulateStreaming } from './engine';
export { formatSimulation, simulateFormatted, SimulationFormat } from './format';
