/**
 * Kubernetes name formats, as the API server validates them (pkg/apis/core/validation,
 * apimachinery pkg/util/validation).
 */

/**
 * Why a string is not a valid port name (IANA_SVC_NAME, apimachinery validation.IsValidPortName),
 * in the API server's words; empty when it is valid.
 */
export function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** IANA_SVC_NAME: ≤ 15 chars, lowercase alphanumerics and '-', at least one letter, no leading, trailing or doubled '-'. */
export function isValidPortName(name: string): boolean {
  return portNameErrors(name).length === 0;
}

/** What a valid port name looks like, for messages. */
export const PORT_NAME_RULE = 'at most 15 characters of lowercase letters, digits and "-", with at least one letter, not starting or ending with "-" and without "--"';

/** A port number is an integer from 1 to 65535 (apimachinery validation.IsValidPortNum). */
export function isValidPortNumber(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** The default NodePort range of a cluster (--service-node-port-range). */
export const NODE_PORT_RANGE = Object.freeze({ min: 30000, max: 32767 });
