/**
 * Reading the simulator's view of a container from plain manifest JSON.
 */
import { ContainerJson, PodSpecJson } from '../k8s/types';
import { DEFAULT_POD_GRACE_SECONDS } from '../timing';
import { SimulatedContainer } from './types';

/** `sleep 5`, `sleep 5s`, also inside `sh -c "sleep 5 && …"`. */
const SLEEP_COMMAND = /(?:^|[;&|]\s*|\s)sleep\s+(\d+(?:\.\d+)?)s?(?:\s|$|;|&)/;

function preStopSeconds(container: ContainerJson): number | undefined {
  const preStop = container.lifecycle?.preStop;
  if (preStop === undefined || preStop === null || typeof preStop !== 'object') return undefined;
  const sleep = preStop.sleep?.seconds;
  if (typeof sleep === 'number' && Number.isFinite(sleep) && sleep >= 0) return sleep;
  const command = preStop.exec?.command;
  if (Array.isArray(command)) {
    const words = command.filter((w): w is string => typeof w === 'string');
    if (words.length === 2 && /(^|\/)sleep$/.test(words[0]) && /^\d+(\.\d+)?s?$/.test(words[1])) return parseFloat(words[1]);
    const m = SLEEP_COMMAND.exec(` ${words.join(' ')} `);
    if (m) return parseFloat(m[1]);
  }
  // a hook whose duration cannot be read (httpGet, another command): present, assumed instant
  return 0;
}

/**
 * The probes and shutdown settings of one container of a pod spec, as written. The pod's
 * terminationGracePeriodSeconds defaults to 30; a preStop hook's duration is read from a `sleep`
 * action or an exec `sleep N` command, and is 0 for any other hook.
 */
export function containerFromJson(container: ContainerJson, podSpec: PodSpecJson): SimulatedContainer {
  const grace = podSpec.terminationGracePeriodSeconds;
  const probe = <T>(p: T | undefined): T | undefined => (p !== null && typeof p === 'object' ? p : undefined);
  return {
    startupProbe: probe(container.startupProbe),
    livenessProbe: probe(container.livenessProbe),
    readinessProbe: probe(container.readinessProbe),
    podGraceSeconds: typeof grace === 'number' && Number.isFinite(grace) && grace >= 0 ? grace : DEFAULT_POD_GRACE_SECONDS,
    preStopSeconds: preStopSeconds(container),
  };
}
