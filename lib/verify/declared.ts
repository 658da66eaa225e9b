/**
 * The one place `verify` reads the probes.cdk8s.io/* annotation contract. The contract lives in
 * lib/intents/annotations.ts today and is moving to lib/k8s/annotations.ts; only this import changes.
 */
export { Annotations, DeclaredIntent, readDeclaredIntent } from '../intents/annotations';
