/**
 * Server entry point (`node lib/main.js`, the Docker CMD). Probot's `run` reads
 * APP_ID, PRIVATE_KEY / PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, HOST, GHE_HOST,
 * GHE_PROTOCOL, LOG_LEVEL, LOG_FORMAT … from the environment (see .env.example) and
 * keeps Octokit throttling and retries on.
 *
 * Secrets and logs: Probot never logs the private key, the webhook secret or
 * installation tokens (its debug request log has method, URL and request body; Octokit
 * redacts the authorization header in errors), and our handlers log only error
 * messages, never raw error objects or request options. So no extra pino redaction is
 * configured here; test/app/logging.test.ts checks the log lines of a full exchange.
 */
import { run } from "probot";
import app from "./app.js";

await run(app);
