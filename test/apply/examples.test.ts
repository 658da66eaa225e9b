/**
 * The adoption examples (examples/adoption.ts): the repo's lint finds no error in them, and every
 * probed container declares its intents. Their snapshot, dist/ and determinism checks are the other
 * examples' (test/constructs/examples.test.ts).
 */
import { Testing } from 'cdk8s';
import { ADOPTION_CHARTS } from '../../examples/adoption';
import { readDeclaredIntents } from '../../lib/k8s/annotations';
import { lintObjects } from '../../lib/rules/lint';
import { Severity } from '../../lib/rules/types';

describe.each(ADOPTION_CHARTS.map((C) => [C.name, C] as const))('example %s', (_name, ExampleChart) => {
  const chart = new ExampleChart(Testing.app());
  const manifests = Testing.synth(chart);

  it('passes the repo\'s lint with no error', () => {
    expect(lintObjects(manifests).filter((f) => f.severity === Severity.ERROR)).toEqual([]);
  });

  it('declares intents for every container it probes', () => {
    const deployment = manifests.find((o: any) => o.kind === 'Deployment');
    const declared = readDeclaredIntents(deployment.spec.template.metadata.annotations).map((d) => d.container);
    const probed = deployment.spec.template.spec.containers.filter((c: any) => c.livenessProbe).map((c: any) => c.name);
    expect(declared).toEqual(probed);
  });
});
