/**
 * One chart per seed scenario, done right, plus a worker, a TCP service, a gRPC service and a
 * composed app. `examples/main.ts` synthesizes them all into dist/; the snapshot tests synthesize
 * each one on its own.
 */
import { Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Intent, ProbedStatefulSet, ProbedWorkload, ProbeKind, ServiceExposure } from '../lib';
import { ExampleChart } from './example-chart';
import { AutoscaledWebExample, NodeAgentExample } from './shapes';

/**
 * Seed 000: the Flask app that sleeps 5 s before it is ready, three replicas, `/healthz` for
 * liveness and `/readyz` for readiness on port 5000 — with a startup probe instead of the seed's
 * guessed initialDelaySeconds: 5.
 */
export class Seed000FlaskApp extends ExampleChart {
  constructor(scope: Construct, id = 'seed-000-flask-app') {
    super(scope, id);
    new ProbedWorkload(this, 'flask-app', {
      name: 'flask-app',
      containerName: 'flask-app',
      image: 'your-dockerhub-username/flask-app:latest',
      replicas: 3,
      intents: [
        Intent.httpService({ port: 5000, livenessPath: '/healthz', readinessPath: '/readyz' }),
      ],
    });
  }
}

/**
 * Seed 001: the microservice whose `/readyz` checks its database and whose startup the seed
 * budgets at "30 × 10 = 300 s" — which guarantees only 290 s. Declaring the 300 s makes the
 * startup probe's guaranteed allowance cover it, and liveness/readiness lose their initialDelay.
 */
export class Seed001Microservice extends ExampleChart {
  constructor(scope: Construct, id = 'seed-001-microservice') {
    super(scope, id);
    new ProbedWorkload(this, 'flask-app', {
      name: 'flask-app',
      containerName: 'flask-app',
      image: 'your-dockerhub-username/flask-app:latest',
      replicas: 3,
      intents: [
        Intent.httpService({ port: 8080, livenessPath: '/healthz', readinessPath: '/readyz' }),
        Intent.slowStart({ worstStartupSeconds: 300 }),
        Intent.criticalDependencies({ critical: ['database'] }),
      ],
    });
  }
}

/**
 * Seed 002: the crashy app that starts answering HTTP 500 after CRASH_AFTER = 60 s. Fast recovery
 * restarts it within about 5 s (liveness P = 1, F = 3, probe-level grace 1 s); NodePort 30080 as in
 * the lab. Its one health endpoint, `/health`, serves both probes: readiness (P 1, F 2) takes the
 * pod out of the Service before liveness (P 1, F 3) restarts it.
 */
export class Seed002CrashyApp extends ExampleChart {
  constructor(scope: Construct, id = 'seed-002-crashy-app') {
    super(scope, id);
    new ProbedWorkload(this, 'crashy-app', {
      name: 'crashy-app',
      containerName: 'crashy-app',
      image: 'crashy-app:1.0.0',
      replicas: 1,
      env: { CRASH_AFTER: '60' },
      intents: [
        Intent.httpService({
          port: 80,
          livenessPath: '/health',
          readinessPath: '/health',
          exposure: ServiceExposure.NODE_PORT,
          nodePort: 30080,
        }),
        Intent.fastRecovery(),
      ],
    });
  }
}

/**
 * Seed 003: the health-status app on port 8080 behind NodePort 30007, one replica. Done right:
 * its health endpoints move to a management port the Service does not expose ("health endpoints
 * should not be publicly reachable"), and it gains a `/readyz` beside `/healthz`.
 */
export class Seed003HealthStatusApp extends ExampleChart {
  constructor(scope: Construct, id = 'seed-003-health-status-app') {
    super(scope, id);
    new ProbedWorkload(this, 'health-status-app', {
      name: 'health-status-app',
      containerName: 'health-status-app',
      image: 'health-status-app',
      replicas: 1,
      intents: [
        Intent.httpService({
          port: 8080,
          managementPort: 8081,
          livenessPath: '/healthz',
          readinessPath: '/readyz',
          exposure: ServiceExposure.NODE_PORT,
          nodePort: 30007,
        }),
      ],
    });
    // seed 003's exec example: liveness is "the file /tmp/healthy exists"; /tmp gets an emptyDir
    // so the app can create the file under cdk8s-plus-27's read-only root filesystem
    new ProbedWorkload(this, 'liveness-exec', {
      name: 'liveness-exec',
      image: 'your-image',
      replicas: 1,
      intents: [
        Intent.worker(),
        Intent.command({ probe: ProbeKind.LIVENESS, command: ['test', '-e', '/tmp/healthy'] }),
      ],
    });
  }
}

/**
 * Seed 004: the Spring Boot service that takes a minute or more to start, cannot serve without
 * MySQL and RabbitMQ, and degrades without Redis. Readiness (`/actuator/health/readiness`) covers
 * the critical dependencies; liveness (`/actuator/health/liveness`) none; Redis is in no probe.
 * Actuator endpoints live on the management port.
 */
export class Seed004SpringService extends ExampleChart {
  constructor(scope: Construct, id = 'seed-004-spring-service') {
    super(scope, id);
    new ProbedWorkload(this, 'orders', {
      name: 'orders',
      image: 'registry.example.com/orders:1.4.2',
      replicas: 3,
      intents: [
        Intent.httpService({
          port: 8080,
          managementPort: 8081,
          livenessPath: '/actuator/health/liveness',
          readinessPath: '/actuator/health/readiness',
        }),
        Intent.slowStart({ worstStartupSeconds: 180 }),
        Intent.criticalDependencies({ critical: ['mysql', 'rabbitmq'], optional: ['redis'] }),
      ],
    });
  }
}

/** A queue consumer with no HTTP (seeds 003, 004): liveness from a heartbeat file, no Service. */
export class WorkerExample extends ExampleChart {
  constructor(scope: Construct, id = 'worker') {
    super(scope, id);
    new ProbedWorkload(this, 'invoice-worker', {
      name: 'invoice-worker',
      image: 'registry.example.com/invoice-worker:2.0.0',
      replicas: 2,
      drainSeconds: 60,
      intents: [
        Intent.worker({ heartbeatFile: '/tmp/heartbeat', maxHeartbeatAgeSeconds: 120 }),
        Intent.slowStart({ worstStartupSeconds: 90 }),
      ],
    });
  }
}

/**
 * A database (seed 001 "TCP probes might be suitable for databases") as a StatefulSet: tcpSocket
 * liveness, `pg_isready` readiness, a 10 GiB volume per pod, a headless Service for the pod's
 * stable name (postgres-0.postgres-headless) and a client Service `postgres`.
 *
 * The official image runs as uid/gid 999 (postgres, in its /etc/passwd, so initdb works) and
 * writes its data directory, its socket and lock in /var/run/postgresql and more under the root:
 * readOnlyRootFilesystem stays false, fsGroup 999 makes the volume writable, and PGDATA is a
 * subdirectory because a fresh volume's root holds lost+found, which initdb refuses. The image
 * refuses to initialise without a superuser password: it comes from the Secret
 * `postgres-credentials` (create it before applying).
 */
export class TcpServiceExample extends ExampleChart {
  constructor(scope: Construct, id = 'tcp-service') {
    super(scope, id);
    const credentials = kplus.Secret.fromSecretName(this, 'postgres-credentials', 'postgres-credentials');
    new ProbedStatefulSet(this, 'postgres', {
      name: 'postgres',
      image: 'postgres:16',
      replicas: 1,
      env: { PGDATA: '/var/lib/postgresql/data/pgdata' },
      envVariables: { POSTGRES_PASSWORD: kplus.EnvValue.fromSecretValue({ secret: credentials, key: 'password' }) },
      securityContext: { user: 999, group: 999, readOnlyRootFilesystem: false },
      podSecurityContext: { fsGroup: 999 },
      storage: [{ mountPath: '/var/lib/postgresql/data', size: Size.gibibytes(10) }],
      intents: [
        Intent.tcpService({ port: 5432, portName: 'postgres' }),
        Intent.slowStart({ worstStartupSeconds: 120 }),
        Intent.command({ probe: ProbeKind.READINESS, command: ['pg_isready', '-h', '127.0.0.1', '-p', '5432'] }),
      ],
    });
  }
}

/**
 * A gRPC service (seed 003): native gRPC probes asking the server's overall health (""), which a
 * stock grpc.health.v1 server answers; liveness trips strictly after readiness.
 */
export class GrpcServiceExample extends ExampleChart {
  constructor(scope: Construct, id = 'grpc-service') {
    super(scope, id);
    new ProbedWorkload(this, 'inventory', {
      name: 'inventory',
      image: 'registry.example.com/inventory:3.1.0',
      replicas: 3,
      hangDetectionSeconds: 20,
      intents: [Intent.grpcService({ port: 9090 })],
    });
  }
}

/** A composed shop: several workloads, several intents each. */
export class ComposedApp extends ExampleChart {
  constructor(scope: Construct, id = 'composed-shop') {
    super(scope, id);
    new ProbedWorkload(this, 'storefront', {
      name: 'storefront',
      image: 'registry.example.com/storefront:5.0.0',
      replicas: 4,
      hangDetectionSeconds: 25,
      handlerLatencySeconds: 2,
      intents: [
        Intent.httpService({ port: 8080, managementPort: 9901, exposure: ServiceExposure.NODE_PORT, nodePort: 30080 }),
        Intent.slowStart({ worstStartupSeconds: 240 }),
        Intent.criticalDependencies({ critical: ['catalog-db'], optional: ['redis'] }),
      ],
    });
    // loads a large model before it answers: its startup budget outgrows the default 600 s rollout deadline
    new ProbedWorkload(this, 'recommender', {
      name: 'recommender',
      image: 'registry.example.com/recommender:0.7.0',
      replicas: 2,
      intents: [
        Intent.httpService({ port: 8000, livenessPath: '/health/live', readinessPath: '/health/ready' }),
        Intent.slowStart({ worstStartupSeconds: 900 }),
      ],
    });
    new ProbedWorkload(this, 'cart', {
      name: 'cart',
      image: 'registry.example.com/cart:1.9.0',
      replicas: 2,
      intents: [Intent.grpcService({ port: 50051 }), Intent.fastRecovery()],
    });
    new ProbedWorkload(this, 'email-sender', {
      name: 'email-sender',
      image: 'registry.example.com/email-sender:1.2.0',
      replicas: 1,
      intents: [Intent.worker()],
    });
    // a distroless image: no shell, so no heartbeat check and no preStop sleep; its own health
    // binary serves all three probes
    new ProbedWorkload(this, 'search-indexer', {
      name: 'search-indexer',
      image: 'registry.example.com/search-indexer:4.0.0-distroless',
      imageHasShell: false,
      replicas: 1,
      intents: [
        Intent.worker(),
        Intent.command({ probe: ProbeKind.LIVENESS, command: ['/app/indexer', 'healthcheck'] }),
      ],
    });
    const redis = new ProbedWorkload(this, 'redis', {
      name: 'redis',
      image: 'redis:7',
      securityContext: { user: 999, group: 999 },
      replicas: 1,
      intents: [
        Intent.tcpService({ port: 6379, portName: 'redis' }),
        Intent.command({ probe: ProbeKind.READINESS, command: ['redis-cli', 'ping'] }),
      ],
    });
    // redis saves snapshots to its working directory /data: writable under the read-only root
    redis.container.mount('/data', kplus.Volume.fromEmptyDir(this, 'redis-data', 'data'));
  }
}

/** Every example chart, by the name of its dist/ file. */
export const EXAMPLE_CHARTS: ReadonlyArray<new (scope: Construct) => Chart> = [
  Seed000FlaskApp,
  Seed001Microservice,
  Seed002CrashyApp,
  Seed003HealthStatusApp,
  Seed004SpringService,
  WorkerExample,
  TcpServiceExample,
  GrpcServiceExample,
  ComposedApp,
  NodeAgentExample,
  AutoscaledWebExample,
];
