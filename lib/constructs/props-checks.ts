/**
 * Checks of the ProbedWorkload props that are not planning targets: the props object itself, the
 * image and the environment. Values may come from JavaScript or jsii callers, so nothing is
 * assumed about their types.
 */
import { FieldChecks, show } from '../intents/checks';

/** Whether the props are an object at all (a JavaScript caller may pass nothing). */
export function checkPropsObject(props: unknown, c: FieldChecks): boolean {
  if (props !== null && typeof props === 'object' && !Array.isArray(props)) return true;
  c.add('props', `got ${show(props)}; allowed: an object with at least image and intents`);
  return false;
}

/** A container image: a non-blank string without leading or trailing whitespace (the API rejects those). */
export function checkImage(image: unknown, c: FieldChecks): void {
  if (typeof image === 'string' && image.trim().length > 0 && image.trim() === image) return;
  c.add('image', `got ${show(image)}; allowed: a container image reference such as "registry.example.com/app:1.2.3", not empty or blank and without surrounding whitespace`);
}

/** Environment variables: valid names, string values. */
export function checkEnv(env: unknown, c: FieldChecks): void {
  if (env === undefined) return;
  if (!c.record('env', env)) return;
  for (const [name, value] of Object.entries(env)) {
    c.envName(`env[${JSON.stringify(name)}]`, name);
    if (typeof value !== 'string') {
      c.add(`env[${JSON.stringify(name)}]`, `got ${show(value)}; allowed: a string value (write numbers and booleans in quotes, e.g. "60")`);
    }
  }
}

/** Option objects handed on to cdk8s-plus-27 (resources, securityContext): objects when given. */
export function checkPassThrough(p: { readonly [field: string]: unknown }, fields: readonly string[], c: FieldChecks): void {
  for (const f of fields) if (p[f] !== undefined) c.record(f, p[f]);
}

/** A value handed on only when it is an object (so a bad one is reported, not a TypeError in cdk8s-plus-27). */
export function objectOrUndefined<T>(value: T | undefined): T | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
