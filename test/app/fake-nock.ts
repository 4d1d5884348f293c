/** Serve a FakeGitHub through nock (kept apart so the benchmark can use the fake without loading nock). */
import nock from "nock";
import { stripApiPrefix, type FakeGitHub } from "./fake-github.js";

/** Intercept every GET/POST/PATCH to `gh.baseUrl`'s origin, until `nock.cleanAll()` (test/setup.ts runs it after each test). */
export function installNock(gh: FakeGitHub): void {
  const scope = nock(new URL(gh.baseUrl).origin).persist();
  for (const method of ["GET", "POST", "PATCH"] as const) {
    scope.intercept(() => true, method).reply((uri, body) => {
      const res = gh.handle(method, stripApiPrefix(uri), body);
      return [res.status, res.json as nock.Body, res.headers ?? {}];
    });
  }
}
