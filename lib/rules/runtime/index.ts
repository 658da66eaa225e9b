/**
 * The RUNTIME group: the container as the kubelet runs it, where a probe that the API server
 * accepts can still never pass (a file the app cannot write) or checks the wrong container.
 */
import { Rule } from '../types';
import { rule as execProbeFileReadOnlyRoot } from './exec-probe-file-read-only-root';
import { rule as probePortOfOtherContainer } from './probe-port-of-other-container';

/** Every rule of the RUNTIME group, in a stable order. */
export const RUNTIME_RULES: readonly Rule[] = Object.freeze([execProbeFileReadOnlyRoot, probePortOfOtherContainer]);
