// `cdk8s-probes verify`: the workload's real probes, with the kubelet's semantics, against the real process.
export { VerifyTarget, Verifier, VerifyReport, verify } from './verifier';
export { Pid1Mode, VerifyDependency, VerifyOptions, DEFAULT_KUBERNETES_VERSION, parseDependency } from './options';
export { VerifyInputError } from './errors';
export { Attempt, AttemptResult, Transition, Verdict, VerdictStatus, HandlerOutcome } from './types';
export { ProbeSummary } from './summary';
export { StartupObservation } from './startup';
export { SteadyObservation } from './verdicts';
export { DependencyObservation } from './dependency';
export { ShutdownObservation } from './shutdown';
export { formatVerifyHuman, formatVerifyJson, VERIFY_JSON_FORMAT_VERSION } from './report';
export { pidNamespaceSupport, killAllApps } from './process';
export { FaultObservation, MAX_REPLAY_SECONDS, PlannedFault, ScenarioObservation } from './faults';
