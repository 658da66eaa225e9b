/**
 * worker-no-http (seeds 003, 004): no port, no Service; every probe checks the age of a heartbeat
 * file the worker touches when it makes progress. The file's directory is made writable (an
 * emptyDir, planned by the volumes step) under cdk8s-plus-27's read-only root filesystem. The
 * check runs `sh -c` with `date` and `stat`; a liveness command replaces it in every probe not
 * given its own command (seed 003's `test -e /tmp/healthy` app writes no heartbeat).
 */
import { posix } from 'path';
import { IntentName } from '../../k8s/annotations';
import { HandlerKind } from '../../timing';
import { FieldChecks, given, show } from '../checks';
import { HEARTBEAT_BINARIES, heartbeatCommand } from '../shell';
import { IntentModule, sameHandlers } from './module';

interface WorkerOptions {
  readonly heartbeatFile: string;
  readonly maxHeartbeatAgeSeconds: number;
}

/** The heartbeat file when none is given. */
export const DEFAULT_HEARTBEAT_FILE = '/tmp/heartbeat';
/** The heartbeat's maximum age when none is given. */
export const DEFAULT_MAX_HEARTBEAT_AGE_SECONDS = 60;

function heartbeatFile(c: FieldChecks, value: unknown): value is string {
  if (typeof value === 'string' && value.startsWith('/') && !value.endsWith('/') && posix.normalize(value) === value && !/[\u0000-\u001f\u007f]/.test(value)) return true;
  c.add('heartbeatFile', `got ${show(value)}; allowed: a normalized absolute file path (no trailing "/", "..", "//" or control characters)`);
  return false;
}

/** The worker module. */
export const workerModule: IntentModule<WorkerOptions> = {
  name: IntentName.WORKER,
  primary: true,
  repeatable: false,
  read(o, c) {
    const file = given(o.heartbeatFile, DEFAULT_HEARTBEAT_FILE);
    const maxAge = given(o.maxHeartbeatAgeSeconds, DEFAULT_MAX_HEARTBEAT_AGE_SECONDS);
    const ok = [heartbeatFile(c, file), c.wholeNumber('maxHeartbeatAgeSeconds', maxAge, 1)].every(Boolean);
    return ok ? { heartbeatFile: file as string, maxHeartbeatAgeSeconds: maxAge as number } : undefined;
  },
  contribute(o, draft, ctx) {
    draft.handlers = sameHandlers({
      json: { exec: { command: heartbeatCommand(o.heartbeatFile, o.maxHeartbeatAgeSeconds) } },
      kind: HandlerKind.EXEC,
      text: o.heartbeatFile,
      field: `${ctx.field}.heartbeatFile`,
      needs: HEARTBEAT_BINARIES,
      files: [o.heartbeatFile],
      directories: [],
      heartbeat: true,
    });
  },
};
