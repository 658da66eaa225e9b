/**
 * Grace periods as the kubelet uses them. The pod's terminationGracePeriodSeconds is an int64 ≥ 0
 * (ValidatePodSpec: ValidateNonnegativeField; 30 when unset, SetDefaults_PodSpec); a probe-level
 * one is an int64 > 0 (validateProbe: "must be greater than 0") that replaces the pod's for kills
 * by that probe, and is not allowed on readiness probes (pkg/apis/core/validation/validation.go).
 */
import { DEFAULT_POD_GRACE_SECONDS } from '../timing/defaults';
import { asRecord } from './record';

/** A grace period read from a manifest. */
export interface GraceReading {
  /** The seconds the kubelet uses (the default when the field is unset or unusable). */
  readonly seconds: number;
  /** Whether the field is written (present and not null), usable or not. */
  readonly written: boolean;
  /** Why a written value is unusable (the API server rejects it); undefined when it is usable or unset. */
  readonly problem?: string;
}

/** The pod's terminationGracePeriodSeconds: a whole number ≥ 0, else the default 30 (with the problem). */
export function podGrace(podSpec: unknown): GraceReading {
  const g = asRecord(podSpec)?.terminationGracePeriodSeconds;
  if (g === undefined || g === null) return { seconds: DEFAULT_POD_GRACE_SECONDS, written: false };
  if (typeof g !== 'number' || !Number.isInteger(g) || g < 0) {
    return { seconds: DEFAULT_POD_GRACE_SECONDS, written: true, problem: "the pod's grace period must be a whole number ≥ 0" };
  }
  return { seconds: g, written: true };
}

/** The pod's terminationGracePeriodSeconds as the kubelet uses it (30 when unset or unusable). */
export function podGraceSeconds(podSpec: unknown): number {
  return podGrace(podSpec).seconds;
}

/** A probe-level terminationGracePeriodSeconds when it is a usable whole number > 0, else undefined. */
export function probeGraceSeconds(probe: unknown): number | undefined {
  const g = asRecord(probe)?.terminationGracePeriodSeconds;
  return typeof g === 'number' && Number.isInteger(g) && g > 0 ? g : undefined;
}
