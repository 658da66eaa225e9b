/**
 * The PEER group: every probe check of the existing manifest checkers (reference/peer-checks.md),
 * with the false positives their users complain about fixed.
 */
import { Rule } from '../types';
import { rule as grpcProbePortUndeclared } from './grpc-probe-port-undeclared';
import { rule as jobLivenessRestartNever } from './job-liveness-restart-never';
import { rule as jobReadinessProbe } from './job-readiness-probe';
import { rule as livenessExecPsLsJcmd } from './liveness-exec-ps-ls-jcmd';
import { rule as livenessProbeMissing } from './liveness-probe-missing';
import { rule as livenessReadinessIdentical } from './liveness-readiness-identical';
import { rule as probeHostSet } from './probe-host-set';
import { rule as probePortNameUnknown } from './probe-port-name-unknown';
import { rule as probePortProtocol } from './probe-port-protocol';
import { rule as probePortUndeclared } from './probe-port-undeclared';
import { rule as readinessProbeMissing } from './readiness-probe-missing';
import { rule as readinessProbeMissingRollout } from './readiness-probe-missing-rollout';

/** Every rule of the PEER group, in a stable order. */
export const PEER_RULES: readonly Rule[] = Object.freeze([
  readinessProbeMissing,
  readinessProbeMissingRollout,
  livenessProbeMissing,
  livenessReadinessIdentical,
  probePortNameUnknown,
  probePortProtocol,
  probePortUndeclared,
  grpcProbePortUndeclared,
  probeHostSet,
  livenessExecPsLsJcmd,
  jobLivenessRestartNever,
  jobReadinessProbe,
]);
