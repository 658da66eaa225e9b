/**
 * A snapshot per example chart (examples/charts.ts and examples/adoption.ts, the charts
 * examples/main.ts synthesizes): the reviewed YAML of every scenario, a check that the committed
 * dist/ file is what the chart synthesizes (the GitOps copy never drifts from the code), and
 * byte-identical output twice.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { ADOPTION_CHARTS } from '../../examples/adoption';
import { EXAMPLE_CHARTS } from '../../examples/charts';

describe.each([...EXAMPLE_CHARTS, ...ADOPTION_CHARTS].map((C) => [C.name, C] as const))('example %s', (_name, ExampleChart) => {
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
    const again = Testing.synth(new ExampleChart(Testing.app()));
    expect(JSON.stringify(again)).toBe(JSON.stringify(manifests));
  });
});
