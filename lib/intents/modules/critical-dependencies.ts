/**
 * critical-dependency (seed 004): critical dependencies are readiness's business only; optional
 * ones stay out of every probe. The pipeline checks the handlers against both lists.
 */
import { IntentName } from '../../k8s/annotations';
import { given, show } from '../checks';
import { IntentModule } from './module';

interface DependencyOptions {
  readonly critical: string[];
  readonly optional: string[];
}

/** The critical-dependency module. */
export const criticalDependenciesModule: IntentModule<DependencyOptions> = {
  name: IntentName.CRITICAL_DEPENDENCY,
  primary: false,
  repeatable: false,
  read(o, c) {
    const optional = given(o.optional, []);
    const okC = c.dependencyNames('critical', o.critical);
    const okO = c.dependencyNames('optional', optional);
    if (!okC || !okO) return undefined;
    const critical = o.critical as string[];
    if (critical.length === 0) {
      c.add('critical', 'got []; allowed: at least one critical dependency (use optional for the rest)');
      return undefined;
    }
    const both = critical.find((d) => (optional as string[]).includes(d));
    if (both !== undefined) {
      c.add('optional', `${show(both)} is both critical and optional; allowed: one or the other`);
      return undefined;
    }
    return { critical: [...critical], optional: [...(optional as string[])] };
  },
  contribute(o, draft) {
    draft.critical = o.critical;
    draft.optional = o.optional;
  },
};
