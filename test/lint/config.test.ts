import { loadConfigFile, parseConfigText } from '../../lib/rules/config';
import { Severity } from '../../lib/rules/types';

const IDS = ['liveness-probe-missing', 'readiness-probe-missing', 'api-probe-handler'];

describe('configuration file', () => {
  it('reads failOn, disable and per-rule severities (off = disabled)', () => {
    const { config, errors } = parseConfigText(
      `failOn: warning
disable:
  - readiness-probe-missing
rules:
  liveness-probe-missing: error
  api-probe-handler: off
`,
      '.cdk8s-probes.yaml',
      IDS,
    );
    expect(errors).toEqual([]);
    expect(config).toEqual({
      failOn: Severity.WARNING,
      disabledRules: ['api-probe-handler', 'readiness-probe-missing'],
      severityOverrides: { 'liveness-probe-missing': Severity.ERROR },
    });
  });

  it('reads failOn: none as "never fail"; an empty file is an empty configuration', () => {
    expect(parseConfigText('failOn: none\n', 'c.yaml', IDS).config.failOn).toBeNull();
    expect(parseConfigText('# nothing\n', 'c.yaml', IDS)).toEqual({ config: { disabledRules: [], severityOverrides: {} }, errors: [] });
  });

  it('names the file, line, field, value and what is allowed for every bad setting', () => {
    const { config, errors } = parseConfigText(
      `failOn: fatal
disable:
  - liveness-probe-mising
  - 42
rules:
  readiness-probe-missing: critical
  api-probe-handler: warning
colour: true
`,
      'ci/probes.yaml',
      IDS,
    );
    expect(errors.map((e) => `${e.file}:${e.line} ${e.message}`)).toEqual([
      'ci/probes.yaml:1 failOn: "fatal" is not allowed; use one of error, warning, info, none',
      'ci/probes.yaml:3 disable[0]: unknown rule id "liveness-probe-mising" (did you mean "liveness-probe-missing"?); run `cdk8s-probes lint --list-rules` for the 3 known ids',
      'ci/probes.yaml:4 disable[1]: 42 is not a rule id',
      'ci/probes.yaml:6 rules.readiness-probe-missing: "critical" is not allowed; use one of error, warning, info, off',
      'ci/probes.yaml:8 "colour" is not a configuration key; allowed keys: disable, failOn, rules',
    ]);
    // the valid settings still apply
    expect(config.severityOverrides).toEqual({ 'api-probe-handler': Severity.WARNING });
  });

  it('rejects wrong shapes and invalid YAML', () => {
    expect(parseConfigText('- a\n- b\n', 'c.yaml', IDS).errors[0].message).toMatch(/must be a mapping/);
    expect(parseConfigText('disable: liveness-probe-missing\n', 'c.yaml', IDS).errors[0].message).toBe('disable: must be a list of rule ids; got "liveness-probe-missing"');
    expect(parseConfigText('rules: [a]\n', 'c.yaml', IDS).errors[0].message).toMatch(/^rules: must be a mapping of rule id/);
    expect(parseConfigText('rules: {a: [\n', 'c.yaml', IDS).errors[0].message).toMatch(/^invalid YAML/);
    expect(parseConfigText('failOn: error\nfailOn: info\n', 'c.yaml', IDS).errors[0].message).toMatch(/^invalid YAML: Map keys must be unique/);
  });

  it('reports a missing file by name', () => {
    expect(loadConfigFile('/nonexistent/x.yaml', IDS).errors).toEqual([{ file: '/nonexistent/x.yaml', message: 'cannot read the configuration file: ENOENT' }]);
  });
});
