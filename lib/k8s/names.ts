/**
 * Kubernetes name formats, as the API server validates them (pkg/apis/core/validation,
 * apimachinery pkg/util/validation).
 */

const PORT_NAME_CHARS = /^[-a-z0-9]+$/;
const HAS_LETTER = /[a-z]/;

/**
 * Why a string is not a valid port name (IANA_SVC_NAME, apimachinery validation.IsValidPortName),
 * in the API server's words; empty when it is valid.
 */
export function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!PORT_NAME_CHARS.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (!HAS_LETTER.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/**
 * IANA_SVC_NAME: ≤ 15 chars, lowercase alphanumerics and '-', at least one letter, no leading,
 * trailing or doubled '-'. The same five tests as {@link portNameErrors}, without building its
 * messages: the rules ask this of every named probe port (a fast-check property holds the two together).
 */
export function isValidPortName(name: string): boolean {
  return name.length <= 15 && PORT_NAME_CHARS.test(name) && !name.includes('--') && HAS_LETTER.test(name)
    && !name.startsWith('-') && !name.endsWith('-');
}

/** What a valid port name looks like, for messages. */
export const PORT_NAME_RULE = 'at most 15 characters of lowercase letters, digits and "-", with at least one letter, not starting or ending with "-" and without "--"';

/** A port number is an integer from 1 to 65535 (apimachinery validation.IsValidPortNum). */
export function isValidPortNumber(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** The default NodePort range of a cluster (--service-node-port-range). */
export const NODE_PORT_RANGE = Object.freeze({ min: 30000, max: 32767 });

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
/** The three name patterns, whole-string, built once. */
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN}$`);
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL}$`);
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL}$`);

/**
 * Why a string is not a DNS-1123 subdomain (apimachinery validation.IsDNS1123Subdomain: the name
 * of a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob), in the API server's
 * words; empty when it is valid.
 */
export function dns1123SubdomainErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 253) errs.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN_RE.test(name)) {
    errs.push(`a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${DNS1123_SUBDOMAIN}')`);
  }
  return errs;
}

/** Why a string is not a DNS-1123 label (validation.IsDNS1123Label: ≤ 63 characters, e.g. a label value's shape), in the API server's words. */
export function dns1123LabelErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 63) errs.push('must be no more than 63 characters');
  if (!DNS1123_LABEL_RE.test(name)) {
    errs.push(`a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${DNS1123_LABEL}')`);
  }
  return errs;
}

/** Why a string is not a DNS-1035 label (validation.IsDNS1035Label: the name of a Service, ValidateServiceName), in the API server's words. */
export function dns1035LabelErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 63) errs.push('must be no more than 63 characters');
  if (!DNS1035_LABEL_RE.test(name)) {
    errs.push(`a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '${DNS1035_LABEL}')`);
  }
  return errs;
}

/**
 * The longest CronJob name: the controller names each Job `<cronjob>-<minutes since epoch>` (11
 * more characters) and a Job name must stay a 63-character label, so the API server refuses a
 * longer CronJob name (pkg/apis/batch/validation ValidateCronJobCreate: "must be no more than 52 characters").
 */
export const CRONJOB_NAME_MAX_LENGTH = 52;

/**
 * Why a string is not a valid metadata.name for an object of this kind, in the API server's
 * words: a DNS-1035 label for a Service (ValidateServiceName), a DNS-1123 subdomain for the
 * workload kinds (ValidatePodName, apps ValidateDeploymentName …), at most 52 characters for a
 * CronJob. Empty when it is valid.
 */
export function objectNameErrors(kind: string, name: string): string[] {
  if (kind === 'Service') return dns1035LabelErrors(name);
  const errs = dns1123SubdomainErrors(name);
  if (kind === 'CronJob' && name.length > CRONJOB_NAME_MAX_LENGTH) errs.push(`must be no more than ${CRONJOB_NAME_MAX_LENGTH} characters`);
  return errs;
}
