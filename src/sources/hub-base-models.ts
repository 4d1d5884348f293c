/** The Hugging Face resolver for `base_model` following, shared by `carryover scan` and the app. */
import type { BaseModelResolver } from "../resolve/base-chain.js";

/**
 * The Hub resolver for `base_model` following, from HF_ENDPOINT / HF_TOKEN. The Hugging Face client loads on the
 * first base model a card names, so a scan of a repository without one pays nothing for it.
 */
export function hubBaseModelCards(env: NodeJS.ProcessEnv): BaseModelResolver {
  let inner: Promise<BaseModelResolver> | undefined;
  return async (id) => {
    inner ??= import("./huggingface.js").then((hf) => {
      const token = hf.hfToken(env);
      return hf.hfBaseModelCards({ hubUrl: hf.hfHubUrl(env), ...(token ? { token } : {}) });
    });
    return (await inner)(id);
  };
}

