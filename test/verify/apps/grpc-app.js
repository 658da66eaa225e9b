// A gRPC server with grpc.health.v1 (grpc-health-check) for verify's tests. Env:
//   PORT           port (required)
//   READY_AFTER_S  the "readiness" service is NOT_SERVING until then; "" and "liveness" SERVING at once
'use strict';
const grpc = require('@grpc/grpc-js');
const { HealthImplementation } = require('grpc-health-check');

const health = new HealthImplementation({ '': 'SERVING', liveness: 'SERVING', readiness: 'NOT_SERVING' });
const server = new grpc.Server();
health.addToServer(server);
server.bindAsync(`127.0.0.1:${process.env.PORT}`, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) { console.error(err.message); process.exit(1); }
  setTimeout(() => health.setStatus('readiness', 'SERVING'), Number(process.env.READY_AFTER_S || 0) * 1000);
});
process.on('SIGTERM', () => server.tryShutdown(() => process.exit(0)));
