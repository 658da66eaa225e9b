/**
 * A TCP proxy in front of a dependency (a database, a broker), so `verify` can cut it: the app is
 * pointed at the proxy through its environment; cutting closes every open connection and stops
 * listening (new connections are refused), restoring listens again on the same port.
 */
import * as net from 'net';

/** A cuttable TCP proxy on 127.0.0.1. */
export class DependencyProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private boundPort = 0;

  constructor(
    /** The dependency's name, as declared (e.g. `postgres`). */
    public readonly name: string,
    /** The real dependency's host. */
    public readonly targetHost: string,
    /** The real dependency's port. */
    public readonly targetPort: number,
    private readonly listenPort = 0,
  ) {}

  /** The port the proxy listens on (after {@link start}). */
  public get port(): number {
    return this.boundPort;
  }

  /** Whether it is cut. */
  public get isCut(): boolean {
    return this.server === undefined;
  }

  /** Starts listening; resolves with the port. */
  public async start(): Promise<number> {
    await this.listen(this.listenPort);
    return this.boundPort;
  }

  /** Cuts the dependency: open connections are reset, new ones refused. */
  public async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }

  /** Restores it on the same port. */
  public async restore(): Promise<void> {
    if (this.server) return;
    await this.listen(this.boundPort);
  }

  /** Stops for good. */
  public async close(): Promise<void> {
    await this.cut();
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = net.createServer((client) => this.pipe(client));
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.removeListener('error', reject);
        this.server = server;
        this.boundPort = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  private pipe(client: net.Socket): void {
    const upstream = net.connect({ host: this.targetHost, port: this.targetPort });
    this.sockets.add(client);
    this.sockets.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

/** The environment variables that point the app at a proxy: `<NAME>_PROXY_HOST`, `_PORT`, `_ADDR`. */
export function proxyEnv(name: string, port: number): Record<string, string> {
  const prefix = name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return { [`${prefix}_PROXY_HOST`]: '127.0.0.1', [`${prefix}_PROXY_PORT`]: String(port), [`${prefix}_PROXY_ADDR`]: `127.0.0.1:${port}` };
}
