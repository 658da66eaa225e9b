/**
 * fast-recovery (seed 002): liveness P = 1, F = 3 with a short probe-level grace period. The
 * pipeline checks that the handlers can answer within its 1 s timeout.
 */
import { IntentName } from '../../k8s/annotations';
import { FAST_RECOVERY_GRACE_SECONDS } from '../../timing';
import { given } from '../checks';
import { IntentModule } from './module';

interface FastRecoveryOptions {
  readonly restartGraceSeconds: number;
}

/** The fast-recovery module. */
export const fastRecoveryModule: IntentModule<FastRecoveryOptions> = {
  name: IntentName.FAST_RECOVERY,
  primary: false,
  repeatable: false,
  read(o, c) {
    const grace = given(o.restartGraceSeconds, FAST_RECOVERY_GRACE_SECONDS);
    return c.wholeNumber('restartGraceSeconds', grace, 1) ? { restartGraceSeconds: grace as number } : undefined;
  },
  contribute(o, draft, ctx) {
    draft.fastRecovery = { graceSeconds: o.restartGraceSeconds, field: ctx.field };
  },
};
