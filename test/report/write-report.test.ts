/**
 * writeReport (what `explain` streams to standard output, one workload at a time) gives exactly
 * formatReport's bytes in every format, with and without workloads, skipped documents and input errors.
 */
import { parseManifestText } from '../../lib/manifest';
import { explainLoaded, formatReport, ReportFormat, writeReport } from '../../lib/report';
import { deployment, SEED_001, SEED_002 } from './helpers';

const INPUTS: Record<string, string> = {
  'no documents': '',
  'seed 001': SEED_001,
  'several workloads and a Service': `${SEED_001}\n---\n${SEED_002}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n---\n${deployment('      - name: app\n        image: x\n', { name: 'no-probes', replicas: 3 })}`,
  'an input error': `${deployment('      - name: app\n        image: x\n        readinessProbe: {httpGet: {path: /r, port: 80}, periodSeconds: 0}\n')}\n---\nkey: [unclosed\n`,
};

describe('writeReport', () => {
  for (const [name, text] of Object.entries(INPUTS)) {
    it.each([ReportFormat.TEXT, ReportFormat.MARKDOWN, ReportFormat.JSON])(`${name}: %s chunks concatenate to formatReport`, (format) => {
      const result = explainLoaded(parseManifestText(text, 'in.yaml'));
      const chunks: string[] = [];
      writeReport(result, format, (c) => chunks.push(c));
      expect(chunks.join('')).toBe(formatReport(result, format));
    });
  }
});
