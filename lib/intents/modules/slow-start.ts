/** slow-start (seeds 001, 004): the declared worst startup the startup probe must guarantee. */
import { IntentName } from '../../k8s/annotations';
import { IntentModule } from './module';

interface SlowStartOptions {
  readonly worstStartupSeconds: number;
}

/** The slow-start module. */
export const slowStartModule: IntentModule<SlowStartOptions> = {
  name: IntentName.SLOW_START,
  primary: false,
  repeatable: false,
  read(o, c) {
    return c.wholeNumber('worstStartupSeconds', o.worstStartupSeconds, 1) ? { worstStartupSeconds: o.worstStartupSeconds } : undefined;
  },
  contribute(o, draft, ctx) {
    draft.declaredWorstStartupSeconds = o.worstStartupSeconds;
    draft.worstStartupField = `${ctx.field}.worstStartupSeconds`;
  },
};
