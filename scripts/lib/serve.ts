/** A static file server on 127.0.0.1 for the demo, the end-to-end tests and the benchmark. */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png' };

export type Route = [contentType: string, body: string | Buffer, headers?: Record<string, string>];

export interface StaticServer {
  origin: string;
  /** Pages added in memory, served before files: path → [content type, body, other response headers]. */
  routes: Map<string, Route>;
  close(): Promise<void>;
}

/** `documentHeaders` are added to every HTML file served (the benchmarks' page conditions). */
export async function serveStatic(root?: string, { documentHeaders = {} }: { documentHeaders?: Record<string, string> } = {}): Promise<StaticServer> {
  // Browsers ask every site for a favicon; an empty one keeps a 404 out of the consoles.
  const routes = new Map<string, Route>([['/favicon.ico', ['image/x-icon', '']]]);
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const route = routes.get(path);
    if (route) {
      res.writeHead(200, { ...route[2], 'content-type': route[0] }).end(route[1]);
      return;
    }
    if (!root) {
      res.writeHead(404).end();
      return;
    }
    const file = join(root, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    try {
      const body = await readFile(file);
      // Pages keep their own charset declarations: send bytes without claiming one.
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, ...(type === 'text/html' ? documentHeaders : {}) }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    routes,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A browser still open keeps its connections alive, and close() would wait for them.
        server.closeAllConnections();
      }),
  };
}
