/**
 * The one lenient reader of each manifest field (lib/manifest), shared by the rules and the intent
 * planning: ports as the API server reads them, handlers, grace periods, commands, dependency names.
 */
import * as fc from 'fast-check';
import {
  asRecord,
  declaredPorts,
  DeclaredPort,
  execPrograms,
  filesReadBy,
  handlerText,
  mentionsDependency,
  podGrace,
  probeGraceSeconds,
  resolvePort,
  simpleCommands,
} from '../../lib/manifest';

describe('asRecord', () => {
  it.each([[null], [[]], ['x'], [1], [undefined]])('%j is not a record', (v) => expect(asRecord(v)).toBeUndefined());
  it('returns objects as they are', () => expect(asRecord({ a: 1 })).toEqual({ a: 1 }));
});

describe('resolvePort: the API server reads a JSON string as a port name, always', () => {
  const container = { ports: [{ name: 'http', containerPort: 8080 }] };
  it('a quoted number is a name, not the number', () => {
    expect(resolvePort(container, '8080')).toEqual({ number: undefined, declared: false, protocol: undefined, name: '8080' });
  });
  it('a number and a declared name resolve', () => {
    expect(resolvePort(container, 8080).number).toBe(8080);
    expect(resolvePort(container, 'http').number).toBe(8080);
  });

  it('reads the declarations exactly as declaredPorts does (its definition), for any ports list and port', () => {
    // resolvePort walks the raw list itself (it is asked for every probe port by every rule); this
    // holds it to its definition over declaredPorts, the one reader of declarations
    const byDefinition = (c: unknown, port: unknown) => {
      const ports = declaredPorts(c);
      const protocolOf = (m: DeclaredPort[]) => (m.length === 0 ? undefined : m.some((x) => x.protocol === 'TCP') ? 'TCP' : m[0].protocol);
      if (typeof port === 'number') {
        const m = ports.filter((p) => p.containerPort === port);
        return { number: Number.isInteger(port) ? port : undefined, declared: m.length > 0, protocol: protocolOf(m) };
      }
      if (typeof port === 'string') {
        const m = ports.filter((p) => p.name === port);
        return { number: m.find((x) => x.containerPort !== undefined)?.containerPort, declared: m.length > 0, protocol: protocolOf(m), name: port };
      }
      return { declared: false };
    };
    // few distinct ports and names, so that several declarations match one port
    const portValue = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(80, 8080, 8080.5) },
      { weight: 4, arbitrary: fc.constantFrom('http', 'grpc', '8080') },
      { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, {}, [], '', -1) },
    );
    const declaration = fc.oneof(
      fc.record({ containerPort: portValue, name: portValue, protocol: fc.constantFrom('TCP', 'UDP', 'SCTP', 'udp', '', undefined, 7) }, { requiredKeys: [] }),
      fc.constantFrom(null, 'x', 3, []),
    );
    const containerValue = fc.oneof(fc.record({ ports: fc.oneof(fc.array(declaration, { maxLength: 6 }), fc.constantFrom(undefined, null, 'x', {})) }, { requiredKeys: [] }), fc.constantFrom(undefined, null, 'x'));
    fc.assert(fc.property(containerValue, portValue, (c, port) => {
      expect(resolvePort(c, port)).toStrictEqual(byDefinition(c, port));
    }), { numRuns: 2000 });
  });
});

describe('mentionsDependency: the one definition shared by the planning and the rules', () => {
  it.each([
    ['/health/postgres', 'postgres', true],
    ['/health/db_postgres', 'postgres', true],
    ['/health/postgres-primary', 'postgres', true],
    ['pg_isready -h postgres.db', 'postgres', true],
    ['/Health/Redis', 'redis', true],
    ['/health/postgresql', 'postgres', false],
    ['/health/mypostgres', 'postgres', false],
    ['/health/postgres2', 'postgres', false],
    ['/livez', ' ', false],
    ['/a.b(c/', 'a.b(c', true],
  ])('%s names %s: %s', (text, dep, expected) => expect(mentionsDependency(text, dep)).toBe(expected));

  it('a path names a dependency exactly when one of its separator-delimited tokens is the dependency', () => {
    const token = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    const sep = fc.constantFrom('/', '_', '-', '.', '?', '=', '&', ' ');
    fc.assert(
      fc.property(fc.array(fc.tuple(sep, token), { minLength: 1, maxLength: 6 }), token, (parts, dep) => {
        const text = parts.map(([s, t]) => s + t).join('');
        expect(mentionsDependency(text, dep)).toBe(parts.some(([, t]) => t === dep));
      }),
    );
  });
});

describe('handlerText', () => {
  it('is the path, the command or the gRPC service', () => {
    expect(handlerText({ httpGet: { port: 80 } })).toBe('/');
    expect(handlerText({ httpGet: { path: '/health/db_postgres', port: 80 } })).toBe('/health/db_postgres');
    expect(handlerText({ exec: { command: ['pg_isready', '-h', 'postgres'] } })).toBe('pg_isready -h postgres');
    expect(handlerText({ grpc: { port: 9090, service: 'readiness' } })).toBe('readiness');
    expect(handlerText({ tcpSocket: { port: 5432 } })).toBeUndefined();
    expect(handlerText('nonsense')).toBeUndefined();
  });
});

describe('commands', () => {
  it('splits sh -c scripts into simple commands, optionally inside substitutions', () => {
    expect(simpleCommands(['sh', '-c', 'a 1 && b "2" | c; d'])).toEqual([['a', '1'], ['b', '2'], ['c'], ['d']]);
    expect(simpleCommands(['sh', '-c', 'test $(stat -c %Y /f) -gt 1'], { substitutions: true })).toEqual([['test'], ['stat', '-c', '%Y', '/f'], ['-gt', '1']]);
  });
  it('finds the programs, skipping prefixes and keywords', () => {
    expect(execPrograms(['sh', '-c', 'if pgrep java; then exit 0; fi'])).toEqual(['pgrep', 'exit']);
    expect(execPrograms(['env', 'A=1', '/bin/ps'])).toEqual(['ps']);
    expect(execPrograms('ps')).toEqual([]);
  });
  it('finds the absolute files a command reads, ages included', () => {
    expect(filesReadBy(['test', '-e', '/tmp/healthy'])).toEqual([{ program: 'test', path: '/tmp/healthy' }]);
    expect(filesReadBy(['sh', '-c', 'test $(( $(date +%s) - $(stat -c %Y /tmp/heartbeat) )) -lt 60'])).toEqual([{ program: 'stat', path: '/tmp/heartbeat' }]);
    expect(filesReadBy(['sh', '-c', '[ -f "/var/run/app.pid" ] && cat /var/run/app.pid'])).toEqual([{ program: '[', path: '/var/run/app.pid' }]);
    expect(filesReadBy(['find', '/tmp/hb', '-mmin', '-1'])).toEqual([{ program: 'find', path: '/tmp/hb' }]);
    expect(filesReadBy(['curl', '-f', 'http://localhost/'])).toEqual([]);
    expect(filesReadBy(['cat', 'relative/file'])).toEqual([]);
  });
  it('splits words as sh does: quotes and backslashes keep spaces and separators inside one word', () => {
    expect(filesReadBy(['sh', '-c', "test $(( $(date +%s) - $(stat -c %Y '/var/run/my app/beat') )) -lt 60"])).toEqual([{ program: 'stat', path: '/var/run/my app/beat' }]);
    expect(simpleCommands(['sh', '-c', 'cat "/a b/c;d" | grep x'])).toEqual([['cat', '/a b/c;d'], ['grep', 'x']]);
    expect(simpleCommands(['sh', '-c', "test -e '/tmp/x'\\''y'"])).toEqual([['test', '-e', "/tmp/x'y"]]);
    expect(simpleCommands(['sh', '-c', 'echo a\\ b'])).toEqual([['echo', 'a b']]);
    expect(simpleCommands(['sh', '-c', "if test -e /a; then echo 'do; it'; fi"], { substitutions: true })).toEqual([['if', 'test', '-e', '/a'], ['echo', 'do; it'], ['fi']]);
    expect(simpleCommands(['sh', '-c', 'echo "do"'], { substitutions: true })).toEqual([['echo', 'do']]);
  });
});

describe('grace periods', () => {
  it('reads the pod grace as the kubelet uses it, with the problem of an unusable value', () => {
    expect(podGrace({})).toEqual({ seconds: 30, written: false });
    expect(podGrace({ terminationGracePeriodSeconds: 0 })).toEqual({ seconds: 0, written: true });
    expect(podGrace({ terminationGracePeriodSeconds: 45 })).toEqual({ seconds: 45, written: true });
    expect(podGrace({ terminationGracePeriodSeconds: '45' })).toMatchObject({ seconds: 30, written: true, problem: expect.stringContaining('whole number') });
    expect(podGrace({ terminationGracePeriodSeconds: 2.5 }).seconds).toBe(30);
    expect(podGrace(null)).toEqual({ seconds: 30, written: false });
  });
  it('reads a probe-level grace only when it is a whole number > 0', () => {
    expect(probeGraceSeconds({ terminationGracePeriodSeconds: 1 })).toBe(1);
    expect(probeGraceSeconds({ terminationGracePeriodSeconds: 0 })).toBeUndefined();
    expect(probeGraceSeconds({ terminationGracePeriodSeconds: '1' })).toBeUndefined();
    expect(probeGraceSeconds(undefined)).toBeUndefined();
  });
});
