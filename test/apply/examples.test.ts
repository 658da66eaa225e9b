/**
 * The adoption examples (examples/adoption.ts): a snapshot each, the committed dist/ file is what
 * the chart synthesizes, output is deterministic, and the repo's lint finds no error in them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { ADOPTION_CHARTS } from '../../examples/adoption';
import { readDeclaredIntents } from '../../lib/k8s/annotations';
import { lintObjects } from '../../lib/rules/lint';
import { Severity } from '../../lib/rules/types';

describe.each(ADOPTION_CHARTS.map((C) => [C.name, C] as const))('example %s', (_name, ExampleChart) => {
  const chart = new ExampleChart(Testing.app());
  const manifests = Testing.synth(chart);

  it('matches its snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });

  it('is what dist/ holds', () => {
    const file = path.join(__dirname, '..', '..', 'dist', `${chart.node.id}.k8s.yaml`);
    const committed = parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS());
    expect(committed).toEqual(manifests);
  });

  it('synthesizes byte-identical output twice', () => {
    expect(JSON.stringify(Testing.synth(new ExampleChart(Testing.app())))).toBe(JSON.stringify(manifests));
  });

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
