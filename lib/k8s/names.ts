/**
 * Kubernetes name formats, as the API server validates them (pkg/apis/core/validation).
 */

/** IANA_SVC_NAME: ≤ 15 chars, lowercase alphanumerics and '-', at least one letter, no leading, trailing or doubled '-'. */
export function isValidPortName(name: string): boolean {
  return name.length >= 1 && name.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) && /[a-z]/.test(name) && !name.includes('--');
}

/** What a valid port name looks like, for messages. */
export const PORT_NAME_RULE = 'at most 15 characters of lowercase letters, digits and "-", with at least one letter, not starting or ending with "-" and without "--"';

/** A port number is an integer from 1 to 65535. */
export function isValidPortNumber(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** The default NodePort range of a cluster (--service-node-port-range). */
export const NODE_PORT_RANGE = Object.freeze({ min: 30000, max: 32767 });
