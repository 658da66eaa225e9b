/**
 * The name every object of a workload carries (metadata.name of the Deployment and the Service,
 * and the `app.kubernetes.io/name` label): the one given, checked, or one derived from the
 * construct path as cdk8s derives object names (`Names.toDnsLabel`: path segments and a hash).
 */
import { Names } from 'cdk8s';
import { Construct } from 'constructs';
import { FieldChecks, isDns1035Label, isDns1123Label, show } from '../intents/checks';

/** A DNS-1123 label derived from the construct path, as cdk8s names objects. */
export function derivedName(scope: Construct): string {
  // toDnsLabel lowercases and hashes the path but keeps characters such as "_" that a DNS label may not hold
  return Names.toDnsLabel(scope).replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * The workload's name; records an issue when the given (or derived) name is not a DNS-1123 label,
 * or, for a workload with a Service, not a DNS-1035 label (a Service name starts with a letter).
 */
export function workloadName(scope: Construct, given: unknown, hasService: boolean, c: FieldChecks): string {
  const name = given === undefined ? derivedName(scope) : given;
  const what = given === undefined ? `not given, and the name derived from the construct path, ${show(name)},` : `got ${show(name)}, which`;
  if (!isDns1123Label(name)) {
    c.add('name', `${what} is not a DNS-1123 label; allowed: lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters`);
  } else if (hasService && !isDns1035Label(name)) {
    c.add('name', `${what} is not a valid Service name (DNS-1035: it must start with a letter); allowed: a DNS label starting with a lowercase letter, e.g. "api-v2"`);
  }
  return typeof name === 'string' ? name : derivedName(scope);
}
