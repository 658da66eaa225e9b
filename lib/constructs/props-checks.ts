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
