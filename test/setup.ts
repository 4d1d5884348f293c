// No test reaches the network: GitHub and Hugging Face are faked with nock or a local server.
import nock from "nock";
import { afterEach } from "vitest";

nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
afterEach(() => {
  nock.cleanAll();
});
