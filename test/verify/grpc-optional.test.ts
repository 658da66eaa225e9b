/**
 * @grpc/grpc-js and grpc-health-check are not dependencies of the published package: verifying a
 * gRPC probe without them is an input error that says what to install, never a stack trace.
 */
describe('gRPC libraries missing', () => {
  afterEach(() => {
    jest.dontMock('@grpc/grpc-js');
    jest.resetModules();
  });

  it('loadGrpc names the packages to install', () => {
    jest.isolateModules(() => {
      jest.doMock('@grpc/grpc-js', () => {
        throw new Error("Cannot find module '@grpc/grpc-js'");
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { loadGrpc } = require('../../lib/verify/grpc');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { VerifyInputError } = require('../../lib/verify/errors');
      expect(() => loadGrpc()).toThrow(VerifyInputError);
      expect(() => loadGrpc()).toThrow(/npm i @grpc\/grpc-js grpc-health-check/);
    });
  });

  it('loads them when installed', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { loadGrpc } = require('../../lib/verify/grpc');
      expect(typeof loadGrpc().HealthClient).toBe('function');
    });
  });
});
