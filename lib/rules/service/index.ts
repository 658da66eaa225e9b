/**
 * The service rule group: Services against the pods they select. Listed in id order; the lint CLI
 * imports this list. These rules relate objects, so they see only what one run loads: lint a
 * Service together with its workloads.
 */
import { Rule } from '../types';
import { rule as serviceSelectsNothing } from './service-selects-nothing';
import { rule as serviceTargetPortNameUnknown } from './service-target-port-name-unknown';
import { rule as serviceTargetPortUndeclared } from './service-target-port-undeclared';

/** Every service rule. */
export const SERVICE_RULES: readonly Rule[] = [serviceSelectsNothing, serviceTargetPortNameUnknown, serviceTargetPortUndeclared];
