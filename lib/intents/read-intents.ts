/**
 * Pipeline step 1: the list of intents as given. Each entry must be an Intent made by a factory
 * (a forged object, `null` or an unknown name is reported with its index), each intent once (a
 * command once per probe), and exactly one primary intent. Each module then reads its options.
 */
import { FieldChecks, show } from './checks';
import { Intent } from './intent';
import { AnyIntentModule, INTENT_MODULES, moduleOf, PRIMARY_NAMES } from './modules';

/** An intent whose options its module accepted. */
export interface ReadIntent {
  /** Its module. */
  readonly module: AnyIntentModule;
  /** The options as the module read them. */
  readonly options: unknown;
  /** The field prefix, e.g. `intents[0] (http-service)`. */
  readonly field: string;
}

const FACTORIES = 'Intent.httpService(), Intent.tcpService(), Intent.grpcService(), Intent.worker(), Intent.slowStart(), Intent.criticalDependencies(), Intent.command() or Intent.fastRecovery()';

function entryModule(entry: unknown, i: number, c: FieldChecks): AnyIntentModule | undefined {
  if (!(entry instanceof Intent)) {
    c.add(`intents[${i}]`, `got ${show(entry)}; allowed: an intent made with ${FACTORIES}`);
    return undefined;
  }
  const module = moduleOf(entry.name);
  if (!module) c.add(`intents[${i}]`, `got an intent named ${show(entry.name)}; allowed: one made with ${FACTORIES}`);
  return module;
}

function checkPrimaries(found: Array<{ module: AnyIntentModule; field: string }>, c: FieldChecks): boolean {
  const primaries = found.filter((f) => f.module.primary);
  if (primaries.length === 1) return true;
  if (primaries.length === 0) {
    c.add('intents', `none of ${PRIMARY_NAMES.join(', ')} given; allowed: exactly one of them, saying what the workload serves`);
  } else {
    c.add(primaries[1].field, `${primaries[1].module.name} conflicts with ${primaries[0].field}: a workload is exactly one of ${PRIMARY_NAMES.join(', ')}`);
  }
  return false;
}

/**
 * Reads the intents; undefined when the list itself does not hold (no usable primary). Options
 * that do not hold are reported and their intent left out, so later steps still report theirs.
 */
export function readIntents(intents: unknown, c: FieldChecks): ReadIntent[] | undefined {
  if (!Array.isArray(intents) || intents.length === 0) {
    c.add('intents', `got ${Array.isArray(intents) ? '0 entries' : show(intents)}; allowed: a non-empty list made with ${FACTORIES}`);
    return undefined;
  }
  const found: Array<{ module: AnyIntentModule; field: string; entry: Intent }> = [];
  const seen = new Map<string, string>();
  intents.forEach((entry: unknown, i) => {
    const module = entryModule(entry, i, c);
    if (!module) return;
    const field = `intents[${i}] (${module.name})`;
    const first = seen.get(module.name);
    if (first !== undefined && !module.repeatable) c.add(field, `${module.name} is given twice (also ${first.split(' ')[0]}); allowed: each intent once`);
    else found.push({ module, field, entry: entry as Intent });
    if (first === undefined) seen.set(module.name, field);
  });
  if (!checkPrimaries(found, c)) return undefined;
  const read: ReadIntent[] = [];
  for (const { module, field, entry } of found) {
    const scoped = c.at(field);
    if (!scoped.record('', entry._options)) continue;
    const options = module.read(entry._options as Record<string, unknown>, scoped);
    if (options !== undefined) read.push({ module, options, field });
  }
  // pipeline order: primary first, then modifiers; commands in the order given
  return read.sort((a, b) => INTENT_MODULES.indexOf(a.module) - INTENT_MODULES.indexOf(b.module));
}
