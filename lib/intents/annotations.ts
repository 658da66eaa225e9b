export * from '../k8s/annotations';
