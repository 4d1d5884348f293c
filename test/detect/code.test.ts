/** Dataset mentions in source files: only docstrings that say a model was trained on X, and timm-style tags, count as training. */
import { describe, expect, it } from "vitest";
import type { DatasetMention } from "../../src/core/types.js";
import { scanCode } from "../../src/detect/code.js";
import { loadRegistry } from "../../src/resolve/registry.js";

const registry = loadRegistry();
const scan = (path: string, text: string, opts: { holdsWeights?: boolean } = {}) => {
  const out: DatasetMention[] = [];
  scanCode(path, text, registry, (m) => out.push(m), opts);
  return out.map((m) => `${m.id}:${m.role}:${m.via}@${m.evidence.line}`);
};

describe("scanCode", () => {
  it("a docstring that says the model was pre-trained on ImageNet is training data; a paper title is not", () => {
    const text = ['def resnet50(pretrained=False):', '    """ResNet-50.', "    Args:", "        pretrained (bool): If True, returns a model pre-trained on ImageNet", '    """', "# see: Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour"].join("\n");
    expect(scan("nets/resnet.py", text)).toEqual(["imagenet:training:code-comment@4"]);
  });

  it("torchvision's docstring in a file that neither links nor loads weights is boilerplate (unclear)", () => {
    const doc = ['def sfnet4(pretrained=False):', '    """SFNet-4.', "    Args:", "        pretrained (bool): If True, returns a model pre-trained on ImageNet", '    """'];
    expect(scan("opensphere/module/backbone/sfnet.py", [...doc, "    model = SFNet()", "    #model.load_state_dict(state_dict)", "    return model"].join("\n"), { holdsWeights: false })).toEqual(["imagenet:unclear:code-comment@4"]);
    expect(scan("mmt/models/resnet_ibn_a.py", [...doc, "    model = ResNet()", "    if pretrained:", "        model.load_state_dict(torch.load(PATH))", "    return model"].join("\n"), { holdsWeights: false })).toEqual(["imagenet:training:code-comment@4"]);
    expect(scan("timm/models/x.py", doc.join("\n"), { holdsWeights: true })).toEqual(["imagenet:training:code-comment@4"]);
  });

  it("commented-out code is not a statement about the weights", () => {
    const text = ["# def convnext_base(pretrained=False, in_22k=False, **kwargs):", "#     model = ConvNeXt(pretrained_on='imagenet-22k')", "# Weights pre-trained on ImageNet-22k are loaded below."].join("\n");
    expect(scan("models/convnext.py", text).map((m) => m.replace(/:[^:]+$/, ""))).toEqual(["imagenet:training"]);
  });

  it("timm-style pretrained tags name the checkpoint's data", () => {
    const text = ["default_cfgs = generate_default_cfgs({", "    'eva_giant_patch14_clip_224.laion400m': _cfg(", "    'samvit_base_patch16.sa1b': _cfg(", "})"].join("\n");
    expect(scan("timm/models/eva.py", text)).toEqual(["laion-400m:training:checkpoint@2", "sa-1b:training:checkpoint@3"]);
  });

  it("argument defaults and recipe assignments are mentions of unclear role (a recipe is not the published weights)", () => {
    const text = ["parser.add_argument('--dataset', default='cifar10')", "parser.add_argument('--val_data', default='svhn')", "DATA_ROOT = 'data/faces_emore'"].join("\n");
    expect(scan("train.py", text)).toEqual(["cifar-10:unclear:config@1", "ms1mv2:unclear:config@3"]);
  });
});
