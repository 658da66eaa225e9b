import * as fc from 'fast-check';
import { isInjectedSidecar } from '../../lib/rules/probe-util';
import { isValidPortName, portNameErrors } from '../../lib/k8s/names';
import {
  describeDeclaredPorts,
  execPrograms,
  handlerKind,
  handlerPorts,
  normalizeHandler,
  parseManifestText,
  resolvePort,
  sameHandler,
} from '../../lib/manifest';
import { buildIndex } from '../../lib/rules/engine';

const container = {
  name: 'app',
  ports: [
    { containerPort: 8080, name: 'http' },
    { containerPort: 53, name: 'dns', protocol: 'UDP' },
    { containerPort: 53, name: 'dns-tcp' },
    { containerPort: 9000, name: 'sig', protocol: 'sctp' },
    'not-an-object',
    { name: 'nameless' },
  ],
};

describe('handlerKind', () => {
  it.each([
    [{ exec: { command: ['true'] } }, 'exec'],
    [{ httpGet: { port: 80 } }, 'httpGet'],
    [{ tcpSocket: { port: 80 } }, 'tcpSocket'],
    [{ grpc: { port: 50051 } }, 'grpc'],
    [{ exec: {} }, 'exec'],
    [{ periodSeconds: 10 }, 'none'],
    [{ exec: null, httpGet: undefined }, 'none'],
    [{ exec: { command: ['x'] }, grpc: { port: 1 } }, 'multiple'],
    ['string', 'none'],
    [null, 'none'],
    [[{ exec: {} }], 'none'],
  ])('%j -> %s', (probe, kind) => {
    expect(handlerKind(probe)).toBe(kind);
  });
});

describe('resolvePort', () => {
  it('resolves a declared name to its number and protocol', () => {
    expect(resolvePort(container, 'http')).toEqual({ number: 8080, declared: true, protocol: 'TCP', name: 'http' });
    expect(resolvePort(container, 'sig')).toEqual({ number: 9000, declared: true, protocol: 'SCTP', name: 'sig' });
  });
  it('leaves an unknown name unresolved', () => {
    expect(resolvePort(container, 'htpp')).toEqual({ number: undefined, declared: false, protocol: undefined, name: 'htpp' });
    expect(resolvePort(container, 'nameless')).toEqual({ number: undefined, declared: true, protocol: 'TCP', name: 'nameless' });
  });
  it('reads a number as is, declared or not, preferring a TCP declaration', () => {
    expect(resolvePort(container, 8080)).toEqual({ number: 8080, declared: true, protocol: 'TCP' });
    expect(resolvePort(container, 53)).toEqual({ number: 53, declared: true, protocol: 'TCP' });
    expect(resolvePort(container, 80)).toEqual({ number: 80, declared: false, protocol: undefined });
  });
  it('treats a quoted number as a name, as the API does', () => {
    expect(resolvePort(container, '8080')).toMatchObject({ number: undefined, declared: false, name: '8080' });
  });
  it('copes with containers and ports of the wrong type', () => {
    expect(resolvePort(undefined, 80)).toEqual({ number: 80, declared: false, protocol: undefined });
    expect(resolvePort({ ports: 'x' }, 'http')).toMatchObject({ declared: false });
    expect(resolvePort(container, null)).toEqual({ declared: false });
    expect(resolvePort(container, 80.5)).toEqual({ number: undefined, declared: false, protocol: undefined });
  });
});

describe('normalizeHandler', () => {
  it('applies httpGet defaults, resolves names, lower-cases and sorts headers', () => {
    const a = normalizeHandler({ httpGet: { port: 'http', httpHeaders: [{ name: 'X-B', value: '2' }, { name: 'x-a', value: '1' }] } }, container);
    expect(a).toEqual({ kind: 'httpGet', scheme: 'HTTP', host: '', port: 8080, path: '/', headers: [['x-a', '1'], ['x-b', '2']] });
    const b = normalizeHandler({ httpGet: { port: 8080, path: '/', scheme: 'HTTP', host: '', httpHeaders: [{ name: 'X-A', value: '1' }, { name: 'X-B', value: '2' }] } }, container);
    expect(sameHandler(a, b)).toBe(true);
  });
  it('tells apart what the kubelet runs differently', () => {
    const base = { httpGet: { port: 8080, path: '/health' } };
    const n = (p: unknown) => normalizeHandler(p, container);
    expect(sameHandler(n(base), n({ httpGet: { port: 8080, path: '/health/' } }))).toBe(false);
    expect(sameHandler(n(base), n({ httpGet: { port: 8080, path: '/health', scheme: 'HTTPS' } }))).toBe(false);
    expect(sameHandler(n(base), n({ httpGet: { port: 8081, path: '/health' } }))).toBe(false);
    expect(sameHandler(n(base), n({ httpGet: { port: 8080, path: '/health', host: '10.0.0.1' } }))).toBe(false);
    expect(sameHandler(n(base), n({ tcpSocket: { port: 8080 } }))).toBe(false);
    expect(sameHandler(n({ grpc: { port: 1 } }), n({ grpc: { port: 1, service: '' } }))).toBe(true);
    expect(sameHandler(n({ grpc: { port: 1, service: 'liveness' } }), n({ grpc: { port: 1, service: 'readiness' } }))).toBe(false);
    expect(sameHandler(n({ exec: { command: ['a', 'b'] } }), n({ exec: { command: ['a', 'b'] } }))).toBe(true);
    expect(sameHandler(n({ exec: { command: ['a', 'b'] } }), n({ exec: { command: ['a b'] } }))).toBe(false);
  });
  it('keeps an unresolved name distinct from any number, and never matches none/multiple', () => {
    expect(normalizeHandler({ tcpSocket: { port: 'nope' } }, container)).toEqual({ kind: 'tcpSocket', host: '', port: 'name:nope' });
    expect(sameHandler(normalizeHandler({}, container), normalizeHandler({}, container))).toBe(false);
    const multi = { exec: { command: ['x'] }, tcpSocket: { port: 1 } };
    expect(sameHandler(normalizeHandler(multi, container), normalizeHandler(multi, container))).toBe(false);
  });
  it('never throws and is deterministic on any JSON', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (probe, c) => {
        const a = normalizeHandler(probe, c);
        expect(JSON.stringify(normalizeHandler(probe, c))).toBe(JSON.stringify(a));
        handlerKind(probe);
        handlerPorts(c, []);
        describeDeclaredPorts(c);
      }),
      { numRuns: 300 },
    );
  });
});

describe('portNameErrors (IANA_SVC_NAME)', () => {
  it.each(['http', 'management-port', 'h2c', 'grpc-1', 'a', '8080x'])('accepts %s', (n) => expect(portNameErrors(n)).toEqual([]));
  it.each([
    ['8080', 'must contain at least one letter (a-z)'],
    ['HTTP', 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
    ['my_port', 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
    ['management-ports', 'must be no more than 15 characters'],
    ['web--1', 'must not contain consecutive hyphens'],
    ['-web', 'must not begin or end with a hyphen'],
    ['web-', 'must not begin or end with a hyphen'],
    ['', 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
  ])('rejects %j: %s', (n, msg) => expect(portNameErrors(n)).toContain(msg));
  it('isValidPortName answers exactly when portNameErrors is empty', () => {
    // strings over the characters the tests turn on, so every branch is reached often
    const name = fc.stringMatching(/^[-a-zA-Z0-9_]{0,18}$/);
    fc.assert(fc.property(fc.oneof(name, fc.string()), (n) => isValidPortName(n) === (portNameErrors(n).length === 0)), { numRuns: 3000 });
  });
});

describe('execPrograms', () => {
  it.each([
    [['ps', 'aux'], ['ps']],
    [['/bin/ps'], ['ps']],
    [['env', 'FOO=1', '/usr/bin/jcmd', '1', 'VM.uptime'], ['jcmd']],
    [['sh', '-c', 'ps aux | grep -q java'], ['ps', 'grep']],
    [['/bin/bash', '-ec', 'ls /tmp/x && test -f /tmp/y; cat /z'], ['ls', 'test', 'cat']],
    [['sh', '-c', 'test $(( $(date +%s) - $(stat -c %Y /tmp/heartbeat) )) -lt 60'], ['test', 'date', 'stat']],
    [['sh', '-c', 'if [ -e /tmp/ok ]; then exit 0; else ls /; fi'], ['exit', 'ls']],
    [['sh', 'script.sh'], ['sh']],
    [['cat', '/opt/ls/ps'], ['cat']],
    [[], []],
    ['ps', []],
    [[1, 2], []],
  ])('%j runs %j', (cmd, progs) => expect(execPrograms(cmd)).toEqual(progs));
});

describe('isInjectedSidecar', () => {
  it('matches well-known injected sidecars by name only', () => {
    expect(isInjectedSidecar({ name: 'istio-proxy' })).toBe(true);
    expect(isInjectedSidecar({ name: 'linkerd-proxy' })).toBe(true);
    expect(isInjectedSidecar({ name: 'proxy' })).toBe(false);
    expect(isInjectedSidecar('istio-proxy')).toBe(false);
  });
});

describe('describeDeclaredPorts', () => {
  it('lists number/name and non-TCP protocols', () => {
    expect(describeDeclaredPorts(container)).toBe('8080/http, 53/dns (UDP), 53/dns-tcp, 9000/sig (SCTP), ?/nameless');
    expect(describeDeclaredPorts({})).toBe('none');
  });
});

describe('index.servicesSelecting (label map)', () => {
  const label = fc.constantFrom('a', 'b', 'c');
  const labels = fc.dictionary(label, fc.constantFrom('1', '2'), { maxKeys: 3 });
  const ns = fc.constantFrom(undefined, 'default', 'other');
  it('gives the same Services, in the same order, as the plain definition', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ ns, labels }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.record({ ns, selector: fc.option(labels, { nil: undefined }) }), { maxLength: 8 }),
        (pods, services) => {
          const docs = [
            ...pods.map((p, i) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: p.ns, labels: p.labels }, spec: { containers: [{ name: 'c' }] } })),
            ...services.map((s, i) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}`, namespace: s.ns }, spec: { selector: s.selector } })),
          ];
          const index = buildIndex(parseManifestText(docs.map((d) => JSON.stringify(d)).join('\n---\n'), 'x.yaml').documents);
          for (const w of index.workloads) {
            const labels = (w.podMetadata.labels ?? {}) as Record<string, unknown>;
            const naive = index.services.filter((s) => (s.namespace ?? 'default') === (w.namespace ?? 'default')
              && Object.keys(s.selector ?? {}).length > 0 && Object.entries(s.selector ?? {}).every(([k, v]) => labels[k] === v));
            expect(index.servicesSelecting(w).map((s) => s.name)).toEqual(naive.map((s) => s.name));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
