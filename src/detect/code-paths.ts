/** Which source files are read as recipes (no imports: the sources and the candidate selection use it too). */

/** Files whose defaults are the recipe of the published weights: training scripts, configs, option parsers, shell recipes. */
const RECIPE_NAME = /(?:^|[_-])(?:train(?:ing)?|finetune|fine_tune|pretrain|config|configs|cfg|opts?|options|args|arguments|settings|paths?_config|run|main|hparams|params)(?:[_-]|\.|$)/i;
export const isRecipeFile = (path: string): boolean => RECIPE_NAME.test(path.slice(path.lastIndexOf("/") + 1));

const CODE_EXT = /\.(?:py|sh|bash)$/i;
export const isCodeFile = (path: string): boolean => CODE_EXT.test(path);
