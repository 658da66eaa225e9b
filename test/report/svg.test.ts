import {
  axisStep,
  escapeXml,
  renderTimelineSvg,
  svgFileName,
  timelineFromModel,
  defaultHangAt,
} from '../../lib/report';
import { deployment, explainYaml, SEED_001, SEED_002 } from './helpers';
import { svgProblems } from './svg-check';

describe('the well-formedness check itself', () => {
  it('accepts a well-formed document and rejects broken ones', () => {
    expect(svgProblems('<svg><g><rect x="1"/></g><text>a &amp; b</text></svg>')).toEqual([]);
    expect(svgProblems('<svg><g></svg>')).not.toEqual([]);
    expect(svgProblems('<svg><text>a & b</text></svg>')).not.toEqual([]);
    expect(svgProblems('<svg></svg><svg></svg>')).not.toEqual([]);
  });
});

describe('SVG timeline of seed 001', () => {
  const [w] = explainYaml(SEED_001);
  const svg = renderTimelineSvg(timelineFromModel(w));

  it('is well formed', () => {
    expect(svgProblems(svg)).toEqual([]);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('has a legend, axis labels in seconds and a row per probe', () => {
    expect(svg).toContain('>Legend</text>');
    expect(svg).toContain('guaranteed startup allowance D + (F−1)·P');
    expect(svg).toContain('>seconds since the first container start</text>');
    expect(svg).toMatch(/>0 s<\/text>/);
    expect(svg).toMatch(/>300 s<\/text>/);
    for (const label of ['startup', 'liveness', 'readiness', 'terminating', 'fresh container']) expect(svg).toContain(`>${label}</text>`);
  });

  it('shows the startup window, Ready line, hang and kill from the model', () => {
    expect(svg).toContain('290 s guaranteed');
    expect(svg).toMatch(/class="band possible-kill"[^>]*><title>startup may be killed here \(up to D \+ F·P\): 290–300 s/);
    const hangAt = defaultHangAt(w);
    expect(svg).toContain(`hang at ${hangAt} s`);
    expect(svg).toContain(`killed by ${hangAt + 31} s`);
    expect(svg).toContain('Ready by 15 s');
    expect(svg).toMatch(/class="tick fail"/);
    expect(svg).toMatch(/class="tick ok"/);
  });

  it('is byte-for-byte deterministic', () => {
    const again = renderTimelineSvg(timelineFromModel(explainYaml(SEED_001)[0]));
    expect(again).toBe(svg);
    expect(svg).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // no timestamps
  });
});

describe('SVG timelines of other shapes', () => {
  it('draws a workload without probes and one with only liveness (seed 002)', () => {
    for (const text of [deployment('- name: app\n  image: nginx'), SEED_002]) {
      const [w] = explainYaml(text);
      const svg = renderTimelineSvg(timelineFromModel(w));
      expect(svgProblems(svg)).toEqual([]);
      expect(svg).toContain('Legend');
    }
  });

  it('escapes names that are not XML-safe', () => {
    const [w] = explainYaml(deployment('- name: "a<b&c"\n  readinessProbe: {tcpSocket: {port: 1}}', { name: '"x&y"' }));
    const svg = renderTimelineSvg(timelineFromModel(w));
    expect(svgProblems(svg)).toEqual([]);
    expect(svg).toContain('container a&lt;b&amp;c');
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });

  it('picks round axis steps', () => {
    expect(axisStep(40)).toBe(5);
    expect(axisStep(330)).toBe(30);
    expect(axisStep(5000)).toBe(600);
  });
});

describe('svgFileName', () => {
  it('joins kind, namespace and name and sanitises them', () => {
    expect(svgFileName('Deployment', 'shop', 'orders')).toBe('deployment-shop-orders.svg');
    expect(svgFileName('Deployment', undefined, 'orders')).toBe('deployment-default-orders.svg');
    expect(svgFileName('Pod', 'a/b', '../../etc/passwd')).toBe('pod-a-b-etc-passwd.svg');
    expect(svgFileName('StatefulSet', 'x', 'Ünïcode name')).toBe('statefulset-x-n-code-name.svg');
  });
});
