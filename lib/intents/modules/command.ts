/**
 * exec (seed 003: `test -e /tmp/healthy`): a command replaces one probe's handler, optionally with
 * pinned timings. Files the command reads that the app writes (found by `filesReadBy`, or declared
 * with `writableDirectory`) are recorded on the handler for the volumes step.
 */
import { posix } from 'path';
import { IntentName } from '../../k8s/annotations';
import { ProbeKind } from '../../k8s/types';
import { HandlerKind } from '../../timing';
import { FieldChecks, show } from '../checks';
import { appFilesReadBy, runsShell } from '../shell';
import { IntentModule } from './module';

interface CommandOptions {
  readonly probe: ProbeKind;
  readonly command: string[];
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly failureThreshold?: number;
  readonly writableDirectory?: string;
}

const PINS = [['periodSeconds', 'seconds'], ['timeoutSeconds', 'seconds'], ['failureThreshold', 'failures']] as const;

function directory(c: FieldChecks, value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string' && value.startsWith('/') && posix.normalize(value) === value && !/[\u0000-\u001f]/.test(value)) return true;
  c.add('writableDirectory', `got ${show(value)}; allowed: a normalized absolute directory path`);
  return false;
}

/** The exec (custom command) module. */
export const commandModule: IntentModule<CommandOptions> = {
  name: IntentName.EXEC,
  primary: false,
  repeatable: true,
  read(o, c) {
    let ok = true;
    if (!Object.values(ProbeKind).includes(o.probe as ProbeKind)) {
      c.add('probe', `got ${show(o.probe)}; allowed: ProbeKind.STARTUP, ProbeKind.LIVENESS or ProbeKind.READINESS`);
      ok = false;
    }
    ok = c.command('command', o.command) && ok;
    for (const [key, what] of PINS) if (o[key] !== undefined) ok = c.wholeNumber(key, o[key], 1, what) && ok;
    ok = directory(c, o.writableDirectory) && ok;
    if (!ok) return undefined;
    return { ...(o as unknown as CommandOptions), command: [...(o.command as string[])] };
  },
  contribute(o, draft, ctx, c) {
    const previous = draft.pins[o.probe];
    if (previous) {
      c.add('probe', `${o.probe} already has a command (${previous.field}); allowed: one command per probe`);
      return;
    }
    draft.pins[o.probe] = { field: ctx.field, periodSeconds: o.periodSeconds, timeoutSeconds: o.timeoutSeconds, failureThreshold: o.failureThreshold };
    if (!draft.handlers) return;
    const handler = {
      json: { exec: { command: o.command } },
      kind: HandlerKind.EXEC,
      text: o.command.join(' '),
      field: `${ctx.field}.command`,
      needs: runsShell(o.command) ? [posix.basename(o.command[0])] : [],
      files: appFilesReadBy(o.command),
      directories: o.writableDirectory !== undefined ? [o.writableDirectory] : [],
      heartbeat: false,
    };
    const h = { ...draft.handlers, [o.probe]: handler };
    if (o.probe === ProbeKind.LIVENESS) {
      // startup checks what liveness checks; a worker's heartbeat check gives way in every probe
      // not given its own command (seed 003's app writes a marker file, no heartbeat)
      if (!draft.pins[ProbeKind.STARTUP]) h[ProbeKind.STARTUP] = handler;
      if (!draft.pins[ProbeKind.READINESS] && h[ProbeKind.READINESS].heartbeat) h[ProbeKind.READINESS] = handler;
    }
    draft.handlers = h;
  },
};
