// cdk8s-probes: intent-level constructs whose probes follow from what a workload is.
export * from './intents/intent';
export { IntentName, Annotations, ANNOTATION_PREFIX, DeclaredIntent, readDeclaredIntent } from './intents/annotations';
export { planWorkload, WorkloadPlan, WorkloadTargets, PlanIssue, PlanResult, PlannedPort, PlannedService, PlannedServicePort, PlannedVolume } from './intents/plan';
export * from './constructs/probed-workload';
export * as timing from './timing';
export { ProbeValidation, ProbeValidationProps } from './plugin';
export { lintObjects, lintPaths, LintOptions, LintObjectsOptions, LintPathsOptions, LintResult, LintConfigurationError } from './rules/lint';
export { Finding, Severity, RuleCategory, RuleMeta } from './rules/types';
export { ALL_RULES } from './rules/registry';
export { planPod, ContainerIntents, PodTargets, PodPlan, PodPlanResult, PlannedContainer, TrafficGate } from './intents/pod';
export { ProbeIntents, ProbeIntentsProps, ExistingContainerIntents } from './constructs/apply';
export { ProbedSidecarProps } from './constructs/apply-sidecars';
export * from './constructs/workload-props';
export { AutoscalingOptions, DisruptionBudget, ScalingProps } from './constructs/scaling';
export { PersistentStorage } from './constructs/storage';
export * from './constructs/probed-stateful-set';
export * from './constructs/probed-daemon-set';
export { readDeclaredIntents, writeDeclaredIntents, containerAnnotationKey } from './k8s/annotations';
