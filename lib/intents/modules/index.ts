/** The intent modules, in the order the pipeline runs them: the primary intents, then the modifiers. */
import { IntentName } from '../../k8s/annotations';
import { commandModule } from './command';
import { criticalDependenciesModule } from './critical-dependencies';
import { fastRecoveryModule } from './fast-recovery';
import { grpcServiceModule } from './grpc-service';
import { httpServiceModule } from './http-service';
import { AnyIntentModule } from './module';
import { slowStartModule } from './slow-start';
import { tcpServiceModule } from './tcp-service';
import { workerModule } from './worker';

/** Every module, in pipeline (and annotation) order. */
export const INTENT_MODULES: readonly AnyIntentModule[] = [
  httpServiceModule, tcpServiceModule, grpcServiceModule, workerModule,
  slowStartModule, criticalDependenciesModule, commandModule, fastRecoveryModule,
];

/** The module of an intent name; undefined for a name no module plans. */
export function moduleOf(name: unknown): AnyIntentModule | undefined {
  return INTENT_MODULES.find((m) => m.name === name);
}

/** The names of the primary intents, for messages. */
export const PRIMARY_NAMES: readonly IntentName[] = INTENT_MODULES.filter((m) => m.primary).map((m) => m.name);

export * from './module';
