/** The one place `verify` reads the probes.cdk8s.io/* annotation contract (lib/k8s/annotations.ts). */
export { Annotations, DeclaredIntent, readDeclaredIntent } from '../k8s/annotations';
