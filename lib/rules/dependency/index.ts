/**
 * The dependency rule group: probes that reach beyond the process, recognised from HTTP paths
 * and exec commands. Listed in id order; the lint CLI imports this list. Applies to every
 * workload kind.
 */
import { Rule } from '../types';
import { rule as livenessDependencyEndpoint } from './liveness-dependency-endpoint';
import { rule as livenessExecRemoteDependency } from './liveness-exec-remote-dependency';

/** Every dependency rule. */
export const DEPENDENCY_RULES: readonly Rule[] = [livenessDependencyEndpoint, livenessExecRemoteDependency];
