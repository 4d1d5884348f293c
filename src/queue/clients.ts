/**
 * GitHub clients for jobs, from the environment of the process that runs them (a worker, or the
 * CLI): never from the job (a job is stored in Redis and carries no secret).
 *
 * - a job with `installationId`: the App's credentials, APP_ID + PRIVATE_KEY (or
 *   PRIVATE_KEY_PATH), exchanged for that installation's token by Probot (tokens cached);
 * - otherwise GITHUB_TOKEN (or GH_TOKEN).
 *
 * The API base is GHE_HOST/GHE_PROTOCOL, else GITHUB_API_URL, else github.com, exactly as
 * `carryover scan github:` reads it. Every client's requests go through the installation's (or
 * the token's) {@link RateLimiter}; Octokit's own throttling is off so that one scheduler decides.
 */
import { readFileSync } from "node:fs";
import { Octokit } from "@octokit/rest";
import type { AppOctokit } from "../publish/check-run.js";
import { githubBaseUrl } from "../sources/github.js";
import type { ScanJobData } from "./jobs.js";
import { RateLimiters } from "./rate-limit.js";

export type ClientFor = (data: Pick<ScanJobData, "installationId">) => Promise<AppOctokit>;

/** The App's private key from PRIVATE_KEY (PEM, `\n` escapes allowed) or PRIVATE_KEY_PATH. */
export function appPrivateKey(env: NodeJS.ProcessEnv): string | undefined {
  if (env.PRIVATE_KEY) return env.PRIVATE_KEY.replace(/\\n/g, "\n");
  if (env.PRIVATE_KEY_PATH) return readFileSync(env.PRIVATE_KEY_PATH, "utf8");
  return undefined;
}

export function clientFactory(env: NodeJS.ProcessEnv, limiters = new RateLimiters()): ClientFor {
  const baseUrl = githubBaseUrl(env);
  let tokenClient: AppOctokit | undefined;
  let probot: Promise<{ auth(id: number): Promise<unknown> }> | undefined;
  const installations = new Map<number, Promise<AppOctokit>>();

  return async (data) => {
    if (data.installationId === undefined) {
      if (!tokenClient) {
        const token = env.GITHUB_TOKEN || env.GH_TOKEN;
        if (!token) throw new Error("set GITHUB_TOKEN (or the App's APP_ID and PRIVATE_KEY with --installation)");
        const o = new Octokit({ auth: token, baseUrl, userAgent: "carryover" });
        o.hook.wrap("request", limiters.for("token").hook as never);
        tokenClient = o as unknown as AppOctokit;
      }
      return tokenClient;
    }
    const id = data.installationId;
    let client = installations.get(id);
    if (!client) {
      probot ??= (async () => {
        const privateKey = appPrivateKey(env);
        if (!env.APP_ID || !privateKey) throw new Error("installation jobs need the App's credentials: APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH)");
        const { Probot, ProbotOctokit } = await import("probot");
        return new Probot({
          appId: env.APP_ID,
          privateKey,
          baseUrl,
          // A worker does not receive webhooks; the secret only satisfies Probot's constructor.
          secret: "carryover-worker-receives-no-webhooks",
          logLevel: "fatal",
          // The function form applies after Probot's own defaults (an object would be merged under them):
          // plugin-throttling would otherwise send one POST (every GraphQL query) per second.
          Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, throttle: { enabled: false } })),
        });
      })();
      client = (async () => {
        const o = (await (await probot).auth(id)) as AppOctokit;
        o.hook.wrap("request", limiters.for(`installation:${id}`).hook as never);
        return o;
      })();
      installations.set(id, client);
      client.catch(() => installations.delete(id));
    }
    return client;
  };
}
