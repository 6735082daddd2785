import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HungServer {
  url: string;
  /** Requests received (none is ever answered). */
  requests: string[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 that accepts every request and never answers: a hung provider. */
export async function startHungServer(): Promise<HungServer> {
  const requests: string[] = [];
  const server = createServer((req) => void requests.push(`${req.method} ${req.url}`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
