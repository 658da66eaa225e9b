/**
 * Field checks for declared input. Each check records an issue naming the field as the user wrote
 * it, the value given and what is allowed, and says whether the value holds; nothing throws, so
 * every problem of a workload is reported at once. Values come from TypeScript and from jsii
 * callers alike, so every check accepts `unknown`.
 */
import { isValidPortName, isValidPortNumber, PORT_NAME_RULE } from '../k8s/names';

/** The largest value of a Kubernetes int32 field (every probe number, replicas, ports, deadlines). */
export const INT32_MAX = 2147483647;

/** One problem with the declared input. */
export interface PlanIssue {
  /** The field, e.g. `intents[0] (http-service).port` or `replicas`. */
  readonly field: string;
  /** What was given and what is allowed. */
  readonly message: string;
}

/** Renders a given value for a message: strings quoted, lists as JSON, objects by kind. */
export function show(value: unknown): string {
  if (typeof value === 'string' || Array.isArray(value)) return JSON.stringify(value);
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object (${JSON.stringify(value).slice(0, 60)})`;
  if (typeof value === 'function') return 'a function';
  return String(value);
}

/** DNS-1123 label: what workload, container and volume names must be (pkg/util/validation IsDNS1123Label). */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** DNS-1035 label: what Service names must be (IsDNS1035Label: starts with a letter). */
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** Environment variable names as the 1.27 API server accepts them (IsEnvVarName). */
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Whether `name` is a DNS-1123 label of at most 63 characters. */
export function isDns1123Label(name: unknown): name is string {
  return typeof name === 'string' && name.length <= 63 && DNS1123_LABEL.test(name);
}

/** Whether `name` is a DNS-1035 label of at most 63 characters. */
export function isDns1035Label(name: unknown): name is string {
  return typeof name === 'string' && name.length <= 63 && DNS1035_LABEL.test(name);
}

/** Collects issues; `at(prefix)` gives a checker whose fields are under `prefix`. */
export class FieldChecks {
  constructor(private readonly sink: PlanIssue[] = [], private readonly prefix = '') {}

  /** Every issue recorded so far (shared by all scoped checkers). */
  public get issues(): PlanIssue[] {
    return this.sink;
  }

  /** A checker whose field names are `prefix.field`. */
  public at(prefix: string): FieldChecks {
    return new FieldChecks(this.sink, this.name(prefix));
  }

  /** The full name of a field of this checker. */
  public name(field: string): string {
    if (!this.prefix) return field;
    return field ? `${this.prefix}.${field}` : this.prefix;
  }

  /** Records an issue on `field` (empty: this checker's prefix itself). */
  public add(field: string, message: string): void {
    this.sink.push({ field: this.name(field), message });
  }

  /** A whole number from `min` to int32 max (seconds, thresholds, counts). */
  public wholeNumber(field: string, value: unknown, min: number, what = 'seconds'): value is number {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= INT32_MAX) return true;
    this.add(field, `got ${show(value)}; allowed: a whole number of ${what} from ${min} to ${INT32_MAX}`);
    return false;
  }

  /** A finite number > 0 and ≤ int32 max (latency may be fractional). */
  public positiveNumber(field: string, value: unknown): value is number {
    if (typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= INT32_MAX) return true;
    this.add(field, `got ${show(value)}; allowed: a number of seconds > 0 (at most ${INT32_MAX})`);
    return false;
  }

  /** A boolean, when given. */
  public flag(field: string, value: unknown): value is boolean {
    if (typeof value === 'boolean') return true;
    this.add(field, `got ${show(value)}; allowed: true or false`);
    return false;
  }

  /** A port number 1–65535. */
  public port(field: string, value: unknown, extra = ''): value is number {
    if (isValidPortNumber(value)) return true;
    this.add(field, `got ${show(value)}; allowed: a port number from 1 to 65535${extra}`);
    return false;
  }

  /** An IANA_SVC_NAME port name. */
  public portName(field: string, value: unknown): value is string {
    if (typeof value === 'string' && isValidPortName(value)) return true;
    this.add(field, `got ${show(value)}; allowed: a port name of ${PORT_NAME_RULE}`);
    return false;
  }

  /** An HTTP path: starts with "/", no whitespace or control characters. */
  public path(field: string, value: unknown): value is string {
    if (typeof value === 'string' && value.startsWith('/') && !/[\s\u0000-\u001f\u007f]/.test(value)) return true;
    this.add(field, `got ${show(value)}; allowed: an HTTP path starting with "/" and without spaces`);
    return false;
  }

  /** A command: a non-empty list of strings, the program first and non-empty. */
  public command(field: string, value: unknown): value is string[] {
    if (Array.isArray(value) && value.length > 0 && value.every((s) => typeof s === 'string') && value[0].trim().length > 0) return true;
    this.add(field, `got ${show(value)}; allowed: a non-empty list of strings, the program first`);
    return false;
  }

  /** A DNS-1123 label (workload, container names). */
  public dnsLabel(field: string, value: unknown): value is string {
    if (isDns1123Label(value)) return true;
    this.add(field, `got ${show(value)}; allowed: a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)`);
    return false;
  }

  /** A list of dependency names, each once. */
  public dependencyNames(field: string, value: unknown): value is string[] {
    if (!Array.isArray(value) || !value.every((s) => typeof s === 'string' && /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/.test(s))) {
      this.add(field, `got ${show(value)}; allowed: a list of lowercase names (letters, digits, ".", "_", "-"), e.g. ["postgres"]`);
      return false;
    }
    const dup = value.find((s, i) => value.indexOf(s) !== i);
    if (dup === undefined) return true;
    this.add(field, `names ${show(dup)} twice; allowed: each dependency once`);
    return false;
  }

  /** An options object (what a JavaScript caller passes may be anything). */
  public record(field: string, value: unknown): value is Record<string, unknown> {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return true;
    this.add(field, `got ${show(value)}; allowed: an options object`);
    return false;
  }

  /** An environment variable name as the API server accepts it. */
  public envName(field: string, value: string): boolean {
    if (ENV_VAR_NAME.test(value)) return true;
    this.add(field, `got ${show(value)}; allowed: an environment variable name of letters, digits, "_", "-" and ".", not starting with a digit`);
    return false;
  }
}

/**
 * The value a field takes: the default when it is not given (`undefined`). A `null` from a
 * JavaScript caller is kept, so the field's check reports it instead of silently defaulting.
 */
export function given<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value;
}
