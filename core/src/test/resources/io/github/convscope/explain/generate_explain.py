"""Generates explain_reference.txt, the golden fixture of ExplainGoldenTest, with Debian's python3-torch (1.13).

Run from this folder:  python3 generate_explain.py
Two tiny CNNs (a sigmoid and a softmax head) with seeded random weights, the same weights the Java test loads into a
MultiLayerNetwork, a ComputationGraph and a Sequential in both layouts:
    input [n, 3, 10, 9] -> conv1 3x3 valid, 4 filters, ReLU -> max-pool 2x2 -> conv2 3x3 same, 5 filters, ReLU
    -> batch norm (eps 1e-3, running statistics; softmax net only) -> dropout (identity) -> flatten (c, h, w)
    -> dense 6 ReLU -> dense 1 (sigmoid) or 3 (softmax)
Class scores are logits (one sigmoid unit: +logit for class 1, -logit for class 0). Grad-CAM: weights = spatial mean
of d(score)/d(layer output); cam = ReLU(sum_c w_c A_c); F.interpolate(bilinear, align_corners=False) to the input
size; min-max normalised per map. Grad-CAM++: pytorch-grad-cam's get_cam_weights. Saliency: max over channels of
|d(score)/d(input)|. Arrays are written NHWC (images, input gradients) or [n, h, w] (maps), float32, '%.9g'.
"""
import numpy as np
import torch
import torch.nn.functional as F

torch.set_grad_enabled(True)
rng = np.random.RandomState(20261130)
N, H, W, C = 4, 10, 9, 3
out = open("explain_reference.txt", "w")


def put(name, array):
    a = np.asarray(array, dtype=np.float32)
    out.write("%s %s %s\n" % (name, ",".join(str(d) for d in a.shape),
                              " ".join("%.9g" % v for v in a.ravel())))


def weights(units):
    p = {
        "conv1_w": rng.normal(0, 0.5, (4, 3, 3, 3)), "conv1_b": rng.normal(0, 0.1, 4),
        "conv2_w": rng.normal(0, 0.4, (5, 4, 3, 3)), "conv2_b": rng.normal(0, 0.1, 5),
        "bn_gamma": rng.uniform(0.5, 1.5, 5), "bn_beta": rng.normal(0, 0.2, 5),
        "bn_mean": rng.normal(0.3, 0.1, 5), "bn_var": rng.uniform(0.2, 1.0, 5),
        "dense_w": rng.normal(0, 0.3, (6, 60)), "dense_b": rng.normal(0, 0.1, 6),
        "out_w": rng.normal(0, 0.6, (units, 6)), "out_b": rng.normal(0, 0.1, units),
    }
    return {k: torch.tensor(v, dtype=torch.float32) for k, v in p.items()}


def forward(p, x, bn, taps):
    """x: NCHW. Returns logits; taps receives the conv1 and conv2 outputs (post-ReLU) with grads retained."""
    a1 = F.relu(F.conv2d(x, p["conv1_w"], p["conv1_b"]))
    if a1.requires_grad:
        a1.retain_grad()
    taps["conv1"] = a1
    y = F.max_pool2d(a1, 2)
    a2 = F.relu(F.conv2d(y, p["conv2_w"], p["conv2_b"], padding=1))
    if a2.requires_grad:
        a2.retain_grad()
    taps["conv2"] = a2
    y = a2
    if bn:
        y = F.batch_norm(y, p["bn_mean"], p["bn_var"], p["bn_gamma"], p["bn_beta"], training=False, eps=1e-3)
    y = torch.flatten(y, 1)
    y = F.relu(F.linear(y, p["dense_w"], p["dense_b"]))
    return F.linear(y, p["out_w"], p["out_b"])


def scores(logits, classes):
    if logits.shape[1] == 1:
        sign = torch.tensor([1.0 if c == 1 else -1.0 for c in classes])
        return (logits[:, 0] * sign).sum()
    return logits[torch.arange(len(classes)), torch.tensor(classes)].sum()


def cam(a, g, plus_plus):
    a, g = a.detach().numpy().astype(np.float64), g.detach().numpy().astype(np.float64)
    if plus_plus:
        g2, g3 = g ** 2, g ** 3
        sum_a = a.sum(axis=(2, 3))
        aij = g2 / (2 * g2 + sum_a[:, :, None, None] * g3 + 1e-6)
        aij = np.where(g != 0, aij, 0)
        w = (np.maximum(g, 0) * aij).sum(axis=(2, 3))
    else:
        w = g.mean(axis=(2, 3))
    coarse = np.maximum((w[:, :, None, None] * a).sum(axis=1), 0)
    up = F.interpolate(torch.tensor(coarse[:, None], dtype=torch.float64), size=(H, W), mode="bilinear",
                       align_corners=False)[:, 0].numpy()
    lo = up.min(axis=(1, 2), keepdims=True)
    rng_ = up.max(axis=(1, 2), keepdims=True) - lo
    maps = np.where(rng_ > 0, (up - lo) / np.where(rng_ > 0, rng_, 1), 0)
    return coarse, maps


def explain(prefix, p, bn, x_nchw, classes, layer):
    x = x_nchw.clone().requires_grad_(True)
    taps = {}
    logits = forward(p, x, bn, taps)
    scores(logits, classes).backward()
    coarse, maps = cam(taps[layer], taps[layer].grad, False)
    _, maps_pp = cam(taps[layer], taps[layer].grad, True)
    grad = x.grad.detach().numpy().transpose(0, 2, 3, 1)
    put(prefix + "_input_gradients", grad)
    put(prefix + "_saliency", np.abs(grad).max(axis=3))
    put(prefix + "_gradcam_coarse", coarse)
    put(prefix + "_gradcam", maps)
    put(prefix + "_gradcampp", maps_pp)
    return logits


out.write("# torch %s\n" % torch.__version__)
images = rng.uniform(0, 1, (N, H, W, C)).astype(np.float32)
put("images", images)
x = torch.tensor(images.transpose(0, 3, 1, 2))
for head, units, bn, explicit in (("sigmoid", 1, False, [0, 1, 1, 0]), ("softmax", 3, True, [2, 0, 1, 1])):
    p = weights(units)
    for k, v in p.items():
        put(head + "_" + k, v.numpy())
    with torch.no_grad():
        logits = forward(p, x, bn, {})
    probs = torch.sigmoid(logits) if units == 1 else torch.softmax(logits, 1)
    predicted = ((probs[:, 0] > 0.5).long() if units == 1 else probs.argmax(1)).tolist()
    put(head + "_probabilities", probs.numpy())
    put(head + "_predicted", predicted)
    put(head + "_explicit", explicit)
    explain(head + "_pred", p, bn, x, predicted, "conv2")
    explain(head + "_explicit", p, bn, x, explicit, "conv2")
    explain(head + "_conv1", p, bn, x, explicit, "conv1")
out.close()
