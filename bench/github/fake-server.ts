/**
 * The fake GitHub (test/app/fake-github.ts) behind a real node:http server on
 * 127.0.0.1, laid out like GitHub Enterprise Server: REST under `/api/v3`, GraphQL at
 * `/api/graphql`. Point Probot at it with GHE_HOST=127.0.0.1:<port>, GHE_PROTOCOL=http.
 * Headers the fake sets (Link pagination, x-ratelimit-*, retry-after) are sent as GitHub sends them.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeGitHub, stripApiPrefix } from "../../test/app/fake-github.js";

export interface RunningFake {
  gh: FakeGitHub;
  server: Server;
  /** `127.0.0.1:<port>` (GHE_HOST). */
  host: string;
  /** `http://127.0.0.1:<port>/api/v3`. */
  baseUrl: string;
  close(): Promise<void>;
}

/** Start a fake GHE on a free loopback port; `latencyMs` delays every response body (a network's round trip). */
export async function startFakeGitHub(opts: { latencyMs?: number } = {}): Promise<RunningFake> {
  const ref: { gh?: FakeGitHub } = {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const gh = ref.gh!;
      const out = gh.handle(req.method ?? "GET", stripApiPrefix(req.url ?? "/"), body);
      const text = JSON.stringify(out.json ?? "");
      res.writeHead(out.status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), "x-github-request-id": `FAKE:${gh.log.length}`, ...out.headers });
      if (opts.latencyMs) setTimeout(() => res.end(text), opts.latencyMs);
      else res.end(text);
    });
  });
  // The benchmark pauses between requests (git clones); keep idle sockets open so the client's keep-alive pool stays valid.
  server.keepAliveTimeout = 10 * 60 * 1000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const gh = (ref.gh = new FakeGitHub(`http://127.0.0.1:${port}/api/v3`));
  return {
    gh,
    server,
    host: `127.0.0.1:${port}`,
    baseUrl: `http://127.0.0.1:${port}/api/v3`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A free loopback port (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
