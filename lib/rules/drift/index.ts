/**
 * The drift rule group: probes held to the intent and budgets recorded in this project's
 * `probes.cdk8s.io/*` pod-template annotations. Every rule is silent on workloads without them.
 * Listed in id order; the lint CLI imports this list.
 */
import { Rule } from '../types';
import { rule as driftDependencyInLiveness } from './drift-dependency-in-liveness';
import { rule as driftFastRecoverySlowDetection } from './drift-fast-recovery-slow-detection';
import { rule as driftGrpcServiceWithoutGrpcProbes } from './drift-grpc-service-without-grpc-probes';
import { rule as driftHangDetectionExceeded } from './drift-hang-detection-exceeded';
import { rule as driftOptionalDependencyInReadiness } from './drift-optional-dependency-in-readiness';
import { rule as driftSharedLivenessReadinessEndpoint } from './drift-shared-liveness-readiness-endpoint';
import { rule as driftTimeoutNotAboveHandlerLatency } from './drift-timeout-not-above-handler-latency';
import { rule as driftWorkerServesHttp } from './drift-worker-serves-http';

/** Every drift rule. */
export const DRIFT_RULES: readonly Rule[] = [
  driftDependencyInLiveness,
  driftFastRecoverySlowDetection,
  driftGrpcServiceWithoutGrpcProbes,
  driftHangDetectionExceeded,
  driftOptionalDependencyInReadiness,
  driftSharedLivenessReadinessEndpoint,
  driftTimeoutNotAboveHandlerLatency,
  driftWorkerServesHttp,
];
