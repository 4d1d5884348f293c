/**
 * The carryover GitHub App (Probot 14): event wiring only. The handlers live in
 * src/publish/handlers.ts; what they publish, in check-run.ts and issue.ts.
 */
import type { ApplicationFunction, Probot } from "probot";
import { createHandlers, type HandlerDeps } from "./publish/handlers.js";
import { pipelineScanner } from "./publish/scanner.js";

/** Build the app function; tests and benchmarks inject their own scanner. */
export function createApp(deps: Partial<HandlerDeps> = {}): ApplicationFunction {
  return (app: Probot) => {
    const h = createHandlers({ scan: deps.scan ?? pipelineScanner(), ...(deps.installConcurrency ? { installConcurrency: deps.installConcurrency } : {}) });
    app.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], h.pullRequest);
    app.on("check_run.rerequested", h.checkRunRerequested);
    app.on(["check_suite.requested", "check_suite.rerequested"], h.checkSuite);
    app.on("push", h.push);
    app.on(["installation.created", "installation_repositories.added"], h.installed);
  };
}

/** The app with the real pipeline. */
const app: ApplicationFunction = createApp();
export default app;
