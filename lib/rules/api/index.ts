/**
 * The API group: the API server's own probe validation (validation.go), offline, so a manifest the
 * server would reject is caught before apply.
 */
import { Rule } from '../types';
import { rule as apiInitContainerProbe } from './api-init-container-probe';
import { rule as apiObjectName } from './api-object-name';
import { rule as apiProbeHandler } from './api-probe-handler';
import { rule as apiProbeNumbers } from './api-probe-numbers';
import { rule as apiProbePort } from './api-probe-port';
import { rule as apiProbeThresholds } from './api-probe-thresholds';

/** Every rule of the API group, in a stable order. */
export const API_RULES: readonly Rule[] = Object.freeze([apiProbeHandler, apiProbePort, apiProbeNumbers, apiProbeThresholds, apiInitContainerProbe, apiObjectName]);
