/**
 * A kubelet-faithful, discrete-event simulation of a container's probes over a scenario: what the
 * app does over time (startup, hangs, errors, exits, dependency outages) in, and the kubelet's
 * probe results, Ready/NotReady, kills and restarts out. See docs/simulate.md.
 */
export * from './types';
export { ScenarioError, parseScenario } from './scenario';
export { containerFromJson } from './container';
export { EventSink, simulate, simulateStreaming, SimulationTooLargeError } from './engine';
export { formatSimulation, MAX_JSON_EVENTS, simulateFormatted, SimulationFormat } from './format';
