"""Known-wrong variants of week03's exercises: the usual student mistakes.

``tests/test_exercises.py`` puts each implementation in place of the exercise's name in the
reference namespace and checks that the exercise's hidden tests reject it. The `Value`
variants are the reference class with exactly one bug each: its source is copied from
``autograder/references/week03.py``, one piece of text is replaced (the replacement must match
exactly once, so a variant can never silently equal the reference), and the result is compiled
into a fresh namespace, so that every ``Value(...)`` inside it refers to the buggy class.
"""

from __future__ import annotations

import ast
import math
from pathlib import Path

import numpy as np
import torch

from autograder.mistakes import quiet
from autograder.references import week03 as ref
from dlcourse.train import seed_everything


# --------------------------------------------------------------------------------- softmax
@quiet
def softmax_no_shift(z):
    e = np.exp(np.asarray(z, dtype=np.float64))
    return e / e.sum(axis=1, keepdims=True)


def softmax_wrong_axis(z):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


@quiet
def softmax_global_max(z):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max())
    return e / e.sum(axis=1, keepdims=True)


@quiet
def softmax_mean_shift(z):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.mean(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax_torch_tensor(z):
    return torch.softmax(torch.as_tensor(np.asarray(z, dtype=np.float64)), dim=1)


@quiet
def softmax_abs_max_shift(z):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - np.abs(z).max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax_zeros_like(z):
    z = np.asarray(z)
    out = np.zeros_like(z)  # integer scores give an integer array: every entry truncated
    for n in range(len(z)):
        e = np.exp(z[n] - z[n].max())
        out[n] = e / e.sum()
    return out


# --------------------------------------------------------------------------- cross_entropy
def cross_entropy_sum(probs, y):
    probs, y = np.asarray(probs, dtype=np.float64), np.asarray(y)
    return float(-np.sum(np.log(probs[np.arange(len(y)), y])))


@quiet
def cross_entropy_one_hot(probs, y):
    probs, y = np.asarray(probs, dtype=np.float64), np.asarray(y)
    one_hot = np.eye(probs.shape[1])[y]
    return float(-np.mean(np.sum(one_hot * np.log(probs), axis=1)))


@quiet
def cross_entropy_column_index(probs, y):
    probs, y = np.asarray(probs, dtype=np.float64), np.asarray(y)
    return float(-np.mean(np.log(probs[:, y])))


def cross_entropy_clipped(probs, y):
    probs, y = np.asarray(probs, dtype=np.float64), np.asarray(y)
    picked = np.clip(probs[np.arange(len(y)), y], 1e-7, 1 - 1e-7)
    return float(-np.mean(np.log(picked)))


@quiet
def cross_entropy_log_of_product(probs, y):
    probs, y = np.asarray(probs, dtype=np.float64), np.asarray(y)
    return float(-np.log(np.prod(probs[np.arange(len(y)), y])) / len(y))


def cross_entropy_tensor(probs, y):
    p = torch.as_tensor(np.asarray(probs, dtype=np.float64))
    return -torch.log(p[torch.arange(len(y)), torch.as_tensor(np.asarray(y))]).mean()


def cross_entropy_plus_epsilon(probs, y):
    probs, y = np.asarray(probs, dtype=np.float64), np.asarray(y)
    return float(-np.mean(np.log(probs[np.arange(len(y)), y] + 1e-12)))


def cross_entropy_max_probability(probs, y):
    return float(-np.mean(np.log(np.asarray(probs, dtype=np.float64).max(axis=1))))


# --------------------------------------------------------------- cross_entropy_from_logits
@quiet
def ce_logits_log_of_softmax(logits, y):
    p = ref.softmax(logits)
    y = np.asarray(y)
    return float(-np.mean(np.log(p[np.arange(len(y)), y])))


@quiet
def ce_logits_no_shift(logits, y):
    z, y = np.asarray(logits, dtype=np.float64), np.asarray(y)
    lse = np.log(np.sum(np.exp(z), axis=1))
    return float(np.mean(lse - z[np.arange(len(y)), y]))


def ce_logits_sum(logits, y):
    z, y = np.asarray(logits, dtype=np.float64), np.asarray(y)
    m = z.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.sum(np.exp(z - m), axis=1))
    return float(np.sum(lse - z[np.arange(len(y)), y]))


def _ce_logits_shifted(z, y, m):
    """The log-sum-exp loss with the shift m (N, 1) instead of each row's maximum."""
    lse = m[:, 0] + np.log(np.sum(np.exp(z - m), axis=1))
    return float(np.mean(lse - z[np.arange(len(y)), y]))


@quiet
def ce_logits_global_max(logits, y):
    z, y = np.asarray(logits, dtype=np.float64), np.asarray(y)
    return _ce_logits_shifted(z, y, np.full((len(z), 1), z.max()))


@quiet
def ce_logits_mean_shift(logits, y):
    z, y = np.asarray(logits, dtype=np.float64), np.asarray(y)
    return _ce_logits_shifted(z, y, z.mean(axis=1, keepdims=True))


@quiet
def ce_logits_abs_max_shift(logits, y):
    z, y = np.asarray(logits, dtype=np.float64), np.asarray(y)
    return _ce_logits_shifted(z, y, np.abs(z).max(axis=1, keepdims=True))


def ce_logits_tensor(logits, y):
    z = torch.as_tensor(np.asarray(logits, dtype=np.float64))
    y = torch.as_tensor(np.asarray(y, dtype=np.int64))
    return (torch.logsumexp(z, dim=1) - z[torch.arange(len(y)), y]).mean()


# ------------------------------------------------------------------------------------- mse
def mse_no_two(pred, target):
    diff = np.asarray(pred, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    return float(np.mean(diff ** 2)), diff / diff.size


def mse_per_row(pred, target):
    diff = np.asarray(pred, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    return float(np.sum(diff ** 2) / len(diff)), 2.0 * diff / len(diff)


def mse_half_sum(pred, target):
    diff = np.asarray(pred, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    return float(0.5 * np.sum(diff ** 2)), diff


def mse_squeezed(pred, target):
    pred = np.squeeze(np.asarray(pred, dtype=np.float64))
    diff = pred - np.squeeze(np.asarray(target, dtype=np.float64))
    return float(np.mean(diff ** 2)), 2.0 * diff / diff.size


def mse_as_columns(pred, target):
    pred, target = np.asarray(pred, dtype=np.float64), np.asarray(target, dtype=np.float64)
    diff = pred.reshape(len(pred), -1) - target.reshape(len(target), -1)
    return float(np.mean(diff ** 2)), 2.0 * diff / diff.size


def mse_tensor_loss(pred, target):
    p = torch.tensor(np.asarray(pred, dtype=np.float64), requires_grad=True)
    loss = torch.nn.functional.mse_loss(p, torch.as_tensor(np.asarray(target, dtype=np.float64)))
    loss.backward()
    return loss.detach(), p.grad.numpy()


def mse_zeros_like(pred, target):
    pred, target = np.asarray(pred), np.asarray(target)
    diff = pred - target
    dpred = np.zeros_like(pred)  # integer predictions give an integer, truncated gradient
    dpred[...] = 2 * diff / diff.size
    return float(np.mean(diff ** 2)), dpred


# ----------------------------------------------------------------------------- mlp_forward
def _sigmoid(a):
    return 0.5 * (1.0 + np.tanh(0.5 * a))


def mlp_forward_sigmoid_last(x, params):
    h = np.asarray(x, dtype=np.float64)
    cache = {"a": [], "h": [h]}
    for W, b in params:
        a = h @ W + b
        h = _sigmoid(a)
        cache["a"].append(a)
        cache["h"].append(h)
    return h, cache


def mlp_forward_h_is_a(x, params):
    h = np.asarray(x, dtype=np.float64)
    cache = {"a": [], "h": [h]}
    for layer, (W, b) in enumerate(params, start=1):
        a = h @ W + b
        cache["a"].append(a)
        cache["h"].append(a)
        h = a if layer == len(params) else _sigmoid(a)
    return h, cache


def mlp_forward_relu(x, params):
    h = np.asarray(x, dtype=np.float64)
    cache = {"a": [], "h": [h]}
    for layer, (W, b) in enumerate(params, start=1):
        a = h @ W + b
        h = a if layer == len(params) else np.maximum(a, 0.0)
        cache["a"].append(a)
        cache["h"].append(h)
    return h, cache


def mlp_forward_two_layers_only(x, params):
    (W1, b1), (W2, b2) = params
    a1 = np.asarray(x, dtype=np.float64) @ W1 + b1
    h1 = _sigmoid(a1)
    a2 = h1 @ W2 + b2
    return a2, {"a": [a1, a2], "h": [np.asarray(x, dtype=np.float64), h1, a2]}


def mlp_forward_first_sigmoid_only(x, params):
    h = np.asarray(x, dtype=np.float64)
    cache = {"a": [], "h": [h]}
    for i, (W, b) in enumerate(params):
        a = h @ W + b
        h = _sigmoid(a) if i == 0 and len(params) > 1 else a
        cache["a"].append(a)
        cache["h"].append(h)
    return h, cache


def _sigmoid_overflowing(a):
    """exp(a) / (1 + exp(a)): inf / inf = nan for a above about 709."""
    return np.exp(a) / (1.0 + np.exp(a))


@quiet
def mlp_forward_exp_ratio(x, params):
    h = np.asarray(x, dtype=np.float64)
    cache = {"a": [], "h": [h]}
    for layer, (W, b) in enumerate(params, start=1):
        a = h @ W + b
        h = a if layer == len(params) else _sigmoid_overflowing(a)
        cache["a"].append(a)
        cache["h"].append(h)
    return h, cache


def mlp_forward_last_a_is_input(x, params):
    h = np.asarray(x, dtype=np.float64)
    cache = {"a": [], "h": [h]}
    for W, b in params[:-1]:
        a = h @ W + b
        h = _sigmoid(a)
        cache["a"].append(a)
        cache["h"].append(h)
    W, b = params[-1]
    out = h @ W + b
    cache["a"].append(h)  # the last layer's input, not its pre-activation
    cache["h"].append(out)
    return out, cache


# ---------------------------------------------------------------------- two_layer_backward
def _two_layer(x, y, params, *, out_slope=True, hidden_slope=True, mean=True,
               transpose=False, bias_mean=False):
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    h1 = _sigmoid(x @ params["W1"] + params["b1"])
    yhat = _sigmoid(h1 @ params["W2"] + params["b2"])
    delta2 = (yhat - y) * (yhat * (1 - yhat) if out_slope else 1.0) / (len(x) if mean else 1)
    delta1 = (delta2 @ params["W2"].T) * (h1 * (1 - h1) if hidden_slope else 1.0)
    grads = {"W1": x.T @ delta1, "W2": h1.T @ delta2}
    if transpose:
        grads = {"W1": delta1.T @ x, "W2": delta2.T @ h1}
    reduce = np.mean if bias_mean else np.sum
    grads["b1"], grads["b2"] = reduce(delta1, axis=0), reduce(delta2, axis=0)
    return grads


@quiet
def two_layer_exp_ratio(x, y, params):
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    h1 = _sigmoid_overflowing(x @ params["W1"] + params["b1"])
    yhat = _sigmoid_overflowing(h1 @ params["W2"] + params["b2"])
    delta2 = (yhat - y) * yhat * (1 - yhat) / len(x)
    delta1 = (delta2 @ params["W2"].T) * h1 * (1 - h1)
    return {"W1": x.T @ delta1, "b1": delta1.sum(axis=0), "W2": h1.T @ delta2,
            "b2": delta2.sum(axis=0)}


def two_layer_squeezed_biases(x, y, params):
    grads = _two_layer(x, y, params)
    return dict(grads, b1=np.squeeze(grads["b1"]), b2=np.squeeze(grads["b2"]))


def two_layer_tanh_slope(x, y, params):
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    h1 = _sigmoid(x @ params["W1"] + params["b1"])
    yhat = _sigmoid(h1 @ params["W2"] + params["b2"])
    delta2 = (yhat - y) * yhat * (1 - yhat) / len(x)
    delta1 = (delta2 @ params["W2"].T) * (1 - h1 ** 2)
    return {"W1": x.T @ delta1, "b1": delta1.sum(axis=0), "W2": h1.T @ delta2,
            "b2": delta2.sum(axis=0)}


def _sigmoid_slope_from_input(a):
    """e^-a / (1 + e^-a)^2: inf / inf = nan for a below about -709."""
    e = np.exp(-a)
    return e / (1.0 + e) ** 2


@quiet
def two_layer_slope_from_input(x, y, params):
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    a1 = x @ params["W1"] + params["b1"]
    h1 = _sigmoid(a1)
    a2 = h1 @ params["W2"] + params["b2"]
    yhat = _sigmoid(a2)
    delta2 = (yhat - y) * _sigmoid_slope_from_input(a2) / len(x)
    delta1 = (delta2 @ params["W2"].T) * _sigmoid_slope_from_input(a1)
    return {"W1": x.T @ delta1, "b1": delta1.sum(axis=0), "W2": h1.T @ delta2,
            "b2": delta2.sum(axis=0)}


# -------------------------------------------------------------- softmax_cross_entropy_grad
def sce_grad_no_mean(logits, y):
    p = ref.softmax(logits)
    p[np.arange(len(y)), np.asarray(y)] -= 1.0
    return p


@quiet
def sce_grad_naive_softmax(logits, y):
    p = softmax_no_shift(logits)
    p[np.arange(len(y)), np.asarray(y)] -= 1.0
    return p / len(y)


def sce_grad_wrong_sign(logits, y):
    return -ref.softmax_cross_entropy_grad(logits, y)


@quiet
def sce_grad_global_max(logits, y):
    z = np.asarray(logits, dtype=np.float64)
    e = np.exp(z - z.max())
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), np.asarray(y)] -= 1.0
    return p / len(y)


def sce_grad_calls_softmax(logits, y):
    p = np.array(softmax(logits), dtype=np.float64)  # the name softmax, looked up when called
    p[np.arange(len(y)), np.asarray(y)] -= 1.0
    return p / len(y)


def softmax(z):
    """The exercise's softmax under its own name, for the mistake that calls it."""
    return ref.softmax(z)


def sce_grad_zeros_like(logits, y):
    logits = np.asarray(logits)
    dz = np.zeros_like(logits)  # integer scores give an integer array: every entry truncated
    for n in range(len(logits)):
        e = np.exp(logits[n] - logits[n].max())
        dz[n] = e / e.sum()
        dz[n, y[n]] -= 1
    return dz / len(logits)


@quiet
def sce_grad_abs_max_shift(logits, y):
    z = np.asarray(logits, dtype=np.float64)
    e = np.exp(z - np.abs(z).max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), np.asarray(y)] -= 1.0
    return p / len(y)


# ---------------------------------------------------------------------- finite_differences
def fd_central_over_eps(f, x, eps):
    x = np.asarray(x, dtype=np.float64)
    return (f(x + eps) - f(x)) / eps, (f(x + eps) - f(x - eps)) / eps


def fd_backward_difference(f, x, eps):
    x = np.asarray(x, dtype=np.float64)
    return (f(x) - f(x - eps)) / eps, (f(x + eps) - f(x - eps)) / (2 * eps)


def fd_half_steps(f, x, eps):
    x = np.asarray(x, dtype=np.float64)
    return (f(x + eps) - f(x)) / eps, (f(x + eps / 2) - f(x - eps / 2)) / eps


def fd_lists(f, x, eps):
    return ([(f(xi + eps) - f(xi)) / eps for xi in x],
            [(f(xi + eps) - f(xi - eps)) / (2 * eps) for xi in x])


def fd_fixed_central_step(f, x, eps):
    x = np.asarray(x, dtype=np.float64)
    h = 1e-5  # ignores eps for the central difference
    return (f(x + eps) - f(x)) / eps, (f(x + h) - f(x - h)) / (2 * h)


# ----------------------------------------------------------------------------------- Value
_REF_SOURCE = Path(ref.__file__).read_text(encoding="utf-8")
_VALUE_SOURCE = next(ast.get_source_segment(_REF_SOURCE, node)
                     for node in ast.parse(_REF_SOURCE).body
                     if isinstance(node, ast.ClassDef) and node.name == "Value")


def _value_with(*replacements: tuple[str, str]) -> type:
    """The reference Value class with each ``old`` text replaced by ``new`` (exactly once)."""
    source = _VALUE_SOURCE
    for old, new in replacements:
        if source.count(old) != 1:
            raise AssertionError(f"a Value variant must patch exactly one place: {old!r} "
                                 f"occurs {source.count(old)} times in the reference")
        source = source.replace(old, new)
    namespace = {"np": np}
    exec(compile(source, "<Value variant>", "exec"), namespace)  # noqa: S102 - our own code
    return namespace["Value"]


_RECURSIVE_BACKWARD = """        self.grad = 1.0

        def propagate(node):  # no topological order: each user pushes its inputs at once
            node._backward()
            for child in node._prev:
                propagate(child)

        propagate(self)
        return
"""

VALUE_VARIANTS = [
    ("gradients overwritten (=) instead of accumulated (+=): x*x gets x, not 2x",
     _value_with(("self.grad += other.data * out.grad", "self.grad = other.data * out.grad"),
                 ("other.grad += self.data * out.grad", "other.grad = self.data * out.grad"),
                 ("            self.grad += out.grad\n            other.grad += out.grad",
                  "            self.grad = out.grad\n            other.grad = out.grad")),
     "Test x*x at x = 3: the gradient is 6, one contribution per use of x. Look at how each "
     "_backward writes into an input's grad when the input already holds something."),
    ("no topological order: backward recurses into the inputs right away, so a node used "
     "twice passes on an incomplete gradient (and some paths are counted twice)",
     _value_with(("        visit(self)\n", "        visit(self)\n" + _RECURSIVE_BACKWARD)),
     "Try u = x*y; f = u + u*x: u must collect both contributions before it passes anything "
     "on to x and y. In what order does your backward call the nodes' _backward?"),
    ("topological order not reversed: the leaves run their backward before the output",
     _value_with(("for node in reversed(order):", "for node in order:")),
     "Print the nodes in the order your backward runs them: the output must come first, "
     "since a node needs the gradients of all its users before it passes its own on."),
    ("power rule k * x**k instead of k * x**(k - 1)",
     _value_with(("self.grad += k * self.data ** (k - 1) * out.grad",
                  "self.grad += k * self.data ** k * out.grad")),
     "Check x**3 at x = 2: the slope is 12. Re-read the power rule in the table of local "
     "derivatives: which exponent does the derivative use?"),
    ("division with its own wrong derivative: -a/b instead of -a/b**2 for the denominator",
     _value_with(("        return self * other ** -1\n",
                  "        other = Value._lift(other)\n"
                  "        out = Value(self.data / other.data, (self, other), '/')\n\n"
                  "        def _backward():\n"
                  "            self.grad += out.grad / other.data\n"
                  "            other.grad += -self.data / other.data * out.grad\n\n"
                  "        out._backward = _backward\n"
                  "        return out\n")),
     "Built from * and ** -1, division gets its gradient for free. If you write your own, "
     "check d(a/b)/db against torch at b = 2 (at b = 1 many wrong forms agree)."),
    ("__rsub__ computes self - other, so 2 - v gives v - 2",
     _value_with(("        return (-self) + other\n", "        return self - other\n")),
     "For 2 - v Python calls v.__rsub__(2): self is v and other is 2. Check "
     "(2 - Value(5.0)).data: it must be -3."),
    ("__rtruediv__ computes self / other, so 1 / v gives v",
     _value_with(("        return self ** -1 * other\n", "        return self / other\n")),
     "For 1 / v Python calls v.__rtruediv__(1): self is v and other is 1. Check "
     "(1 / Value(4.0)).data: it must be 0.25."),
    ("__rtruediv__ as self ** -1 / other: right for 1 / v only (3 / v gives 1 / (3 v))",
     _value_with(("        return self ** -1 * other\n", "        return self ** -1 / other\n")),
     "Test with a numerator other than 1: (3 / Value(2.0)).data must be 1.5. Write 3 / v "
     "as a product on paper: which factor does the 3 multiply?"),
    ("sigmoid as 0.5 * (1 + tanh(x / 2)): exactly 0 below about -37, so log(sigmoid(-40)) = -inf",
     _value_with(("""        if self.data >= 0:
            s = 1.0 / (1.0 + np.exp(-self.data))  # exp of a number <= 0: no overflow
        else:
            e = np.exp(self.data)  # tiny but not 0 down to about -745
            s = e / (1.0 + e)
""", """        s = 0.5 * (1.0 + np.tanh(0.5 * self.data))
""")),
     "Evaluate Value(-40.0).sigmoid().data: it must be tiny but not 0, or a log that follows "
     "gives -inf. Re-read the two cases the prompt asks for."),
    ("exp's backward multiplies by the input instead of exp(input)",
     _value_with(("            self.grad += out.data * out.grad\n",
                  "            self.grad += self.data * out.grad\n")),
     "Check Value(0.0).exp() after backward(): the slope of e^a at 0 is 1. Which number is the "
     "local derivative here, the node's input or its output?"),
    ("tanh's derivative 1 - x**2 written with the input instead of the output",
     _value_with(("self.grad += (1.0 - out.data ** 2) * out.grad",
                  "self.grad += (1.0 - self.data ** 2) * out.grad")),
     "Check Value(2.0).tanh() after backward(): the slope is about 0.07 and never negative. "
     "Re-read the table: is tanh's derivative written with the input a or the output o?"),
    ("sigmoid's derivative missing the factor (1 - s)",
     _value_with(("self.grad += out.data * (1.0 - out.data) * out.grad",
                  "self.grad += out.data * out.grad")),
     "Check Value(0.0).sigmoid() after backward(): the slope of the sigmoid at 0 is 0.25. "
     "Count the factors of its local derivative in the table."),
    ("relu passes the gradient at x = 0 (x >= 0), unlike torch",
     _value_with(("self.grad += (1.0 if self.data > 0 else 0.0) * out.grad",
                  "self.grad += (1.0 if self.data >= 0 else 0.0) * out.grad")),
     "Look at the boundary: Value(0.0).relu() after backward(). The table and torch give the "
     "gradient 0 there; does your condition include 0?"),
    ("log's derivative 1/log(x) (divides by the output instead of the input)",
     _value_with(("self.grad += out.grad / self.data", "self.grad += out.grad / out.data")),
     "Check Value(2.0).log() after backward(): the slope of log at 2 is 0.5. At a = 1 your "
     "version even divides by zero."),
    # from blind review (issue 22)
    ("exp's backward assigns (=) instead of adding (+=): wrong when the input is used again",
     _value_with(("            self.grad += out.data * out.grad\n",
                  "            self.grad = out.data * out.grad\n")),
     "Test x.exp() + x.exp() at x = 0: the gradient is 2. Look at how exp's _backward writes "
     "into its input's grad when that grad already holds something."),
    ("sigmoid with the one formula 1 / (1 + exp(-x)): exp(720) overflows and the sigmoid of "
     "-720 becomes 0",
     _value_with(("""        if self.data >= 0:
            s = 1.0 / (1.0 + np.exp(-self.data))  # exp of a number <= 0: no overflow
        else:
            e = np.exp(self.data)  # tiny but not 0 down to about -745
            s = e / (1.0 + e)
""", """        with np.errstate(over="ignore"):
            s = 1.0 / (1.0 + np.exp(-self.data))
""")),
     "Evaluate Value(-720.0).sigmoid().data: it must be about 1e-313, not 0. Which "
     "exponential in your formula overflows there? Re-read the two cases the prompt asks for."),
    ("tanh from exponentials (e^2x - 1) / (e^2x + 1): inf / inf for x above about 355",
     _value_with(("        out = Value(np.tanh(self.data), (self,), \"tanh\")\n",
                  "        with np.errstate(over=\"ignore\", invalid=\"ignore\"):\n"
                  "            e2 = np.exp(2.0 * self.data)\n"
                  "            t = (e2 - 1.0) / (e2 + 1.0)\n"
                  "        out = Value(t, (self,), \"tanh\")\n")),
     "Evaluate Value(400.0).tanh().data: tanh is 1 there. What does your formula compute on "
     "the way, and does it stay finite?"),
    ("backward in breadth-first order from the output, not reverse topological order",
     _value_with(("""        visit(self)
        self.grad = 1.0
        for node in reversed(order):  # the output first, the leaves last
            node._backward()""", """        self.grad = 1.0
        queue, queued = [self], {id(self)}
        while queue:
            node = queue.pop(0)
            node._backward()
            for child in node._prev:
                if id(child) not in queued:
                    queued.add(id(child))
                    queue.append(child)""")),
     "Try u = x*y; f = u*u*u + u: u is reached along paths of different lengths. Does every "
     "user of u run its _backward before u passes its gradient on?"),
    # from blind review, second round (issue 22)
    ("sigmoid's two cases swapped: e^x / (1 + e^x) for x >= 0 overflows to inf / inf, and "
     "1 / (1 + e^-x) for x < 0 rounds to 0 below about -709",
     _value_with(("""        if self.data >= 0:
            s = 1.0 / (1.0 + np.exp(-self.data))  # exp of a number <= 0: no overflow
        else:
            e = np.exp(self.data)  # tiny but not 0 down to about -745
            s = e / (1.0 + e)
""", """        with np.errstate(over="ignore", invalid="ignore"):
            if self.data < 0:
                s = 1.0 / (1.0 + np.exp(-self.data))
            else:
                e = np.exp(self.data)
                s = e / (1.0 + e)
""")),
     "Evaluate Value(720.0).sigmoid().data and Value(-720.0).sigmoid().data: about 1 and "
     "2e-313. In each of your two cases, which exponential can overflow?"),
    ("sigmoid's local slope from the input, e^-x / (1 + e^-x)^2: inf / inf = nan below "
     "about -709",
     _value_with(("self.grad += out.data * (1.0 - out.data) * out.grad",
                  "with np.errstate(over=\"ignore\", invalid=\"ignore\"):\n"
                  "                e = np.exp(-self.data)\n"
                  "                self.grad += e / (1.0 + e) ** 2 * out.grad")),
     "Run Value(-720.0).sigmoid().backward(): the slope is about 2e-313, not nan. Re-read the "
     "table: the sigmoid's local derivative is written with its output o."),
    ("backward() sets every node's grad to 0 first: a leaf used in two graphs keeps only the "
     "last backward's gradient",
     _value_with(("        self.grad = 1.0\n",
                  "        for node in order:\n            node.grad = 0.0\n"
                  "        self.grad = 1.0\n")),
     "Call (3 * x).backward() and then (x * x).backward() on the same leaf x = 2: torch gives "
     "x.grad = 3 + 4 = 7. Which gradients may backward() reset?"),
    ("topological order by pre-order depth-first search (a node before its inputs), swept "
     "from the first node on",
     _value_with(("""                seen.add(id(node))
                for child in node._prev:
                    visit(child)
                order.append(node)
""", """                seen.add(id(node))
                order.append(node)
                for child in node._prev:
                    visit(child)
"""), ("for node in reversed(order):", "for node in order:")),
     "Try u = x*y; f = u + u*x: u must collect the contributions of both of its users before "
     "it passes anything on. Print the order your backward visits the nodes in."),
]


# ---------------------------------------------------------------- train_softmax_regression
def _train(X, y, lr, epochs, seed, *, zero_grad=True, step=True, softmax_first=False,
           seeded=True, batch_size=None, sizes=None):
    if seeded:
        seed_everything(seed)
    model = torch.nn.Linear(*(sizes or (X.shape[1], int(y.max()) + 1)))
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    size = batch_size or len(X)
    for _ in range(epochs):
        for start in range(0, len(X), size):
            logits = model(X[start:start + size])
            if softmax_first:
                logits = torch.softmax(logits, dim=1)
            loss = loss_fn(logits, y[start:start + size])
            if zero_grad:
                optimizer.zero_grad()
            loss.backward()
            if step:
                optimizer.step()
    return model


# ------------------------------------------------------------------------------- the table
WRONG = {
    "softmax": [
        ("no max subtraction: np.exp overflows at 1000 and rows become nan", softmax_no_shift,
         "Try a row of scores near 1000 and look at what np.exp returns. Re-read which constant "
         "you may subtract from every score of a row without changing its softmax."),
        ("normalizes over the wrong axis (columns, axis=0)", softmax_wrong_axis,
         "Each row is one example and must be a distribution over its K classes: add up your "
         "output along each direction and see which sums are 1."),
        ("subtracts the global maximum instead of each row's: rows far below it give 0/0",
         softmax_global_max,
         "Try a batch whose rows live on very different scales, like [[1000, 0], [0, 1]]. "
         "Re-read the prompt's first bullet: whose maximum should each row subtract?"),
        ("shifts each row by its mean instead of its maximum: exp overflows for a row like "
         "[1000, -1000, -1000]", softmax_mean_shift,
         "Try the row [1000, -1000, -1000]: what is the largest exponent your code meets? The "
         "shift must make the largest term e^0 = 1; which statistic of the row does that?"),
        ("returns torch.softmax's tensor instead of a numpy array", softmax_torch_tensor,
         "Check type(softmax(z)). The prompt asks for numpy only and a numpy array back; the "
         "numpy functions of the notebook give you every piece you need."),
        ("shifts each row by its largest absolute score: 0/0 for a row of large negative "
         "scores", softmax_abs_max_shift,
         "Try the row [-1000, -1001, -999]: after your shift, is any exponential still near 1? "
         "The shift must make the largest exponent of the row exactly 0."),
        ("fills np.zeros_like(z): integer scores give an integer array of truncated "
         "probabilities", softmax_zeros_like,
         "Try integer scores such as np.array([[2, 1, 0]]): the result must be a float array. "
         "Print the dtype of the array your code fills."),
    ],
    "cross_entropy": [
        ("sums the losses over the batch instead of averaging", cross_entropy_sum,
         "Stack your batch on top of itself and compute the loss again: the course's cost "
         "(see the notation page) stays the same, while yours doubles."),
        ("multiplies a one-hot target by log(probs): 0 * log(0) = nan for a zero probability",
         cross_entropy_one_hot,
         "Re-read 'Index, do not multiply' in the notebook, then try a row like [1, 0, 0]: "
         "which entries of log(probs) does your code touch, and does it need them?"),
        ("indexes probs[:, y], an (N, N) matrix, instead of probs[np.arange(N), y]",
         cross_entropy_column_index,
         "Print the shape of the probabilities you pick: you want one number per example, "
         "shape (N,), taken at row n and column y[n]."),
        ("clips the probabilities to [1e-7, 1 - 1e-7] before the log", cross_entropy_clipped,
         "Try a true-class probability of 1e-300: the exact loss is about 690.8. The prompt "
         "promises p > 0 for the true class, so nothing needs guarding; is your loss exact?"),
        ("log of the product of the probabilities: the product underflows to 0 for a large "
         "batch", cross_entropy_log_of_product,
         "Multiply 1000 probabilities of about 0.1 together: what does float64 give? The log "
         "of a product can be computed without ever forming the product."),
        ("returns a torch tensor instead of a Python float", cross_entropy_tensor,
         "Check type(cross_entropy(probs, y)): the prompt asks for a Python float. Which "
         "library does your code compute in, and how do you turn its result into a float?"),
        ("adds 1e-12 inside the log: wrong for a tiny true-class probability such as 1e-300",
         cross_entropy_plus_epsilon,
         "Try a true-class probability of 1e-300: the exact loss is about 690.8. The prompt "
         "promises p > 0 for the true class; does your code still compute log(p) exactly?"),
        ("takes each row's largest probability (the predicted class) instead of the true "
         "class's", cross_entropy_max_probability,
         "Try a row whose true class is not its most likely one, like [0.7, 0.2, 0.1] with "
         "y = 1: the loss is -log 0.2. Where does your code use the labels y?"),
    ],
    "cross_entropy_from_logits": [
        ("takes the log of the softmax: -log(0) = inf when the true class underflows",
         ce_logits_log_of_softmax,
         "Try z = [[1000, 0]] with y = [1]: the exact loss is 1000. Take the logarithm on paper "
         "first, as the notebook does, so that no probability is ever rounded to 0."),
        ("log-sum-exp without subtracting the maximum: overflows at 1000", ce_logits_no_shift,
         "Your log-sum-exp meets np.exp(1000) = inf. Which number can you take out of the sum, "
         "and add back outside the log, so that the largest exponential is e^0 = 1?"),
        ("sums the losses over the batch instead of averaging", ce_logits_sum,
         "A cost is a mean over the examples (notation page): repeat your whole batch twice "
         "and check that the loss you return does not change."),
        ("subtracts the global maximum of the batch instead of each row's",
         ce_logits_global_max,
         "Try z = [[1000, -1000], [-1000, -1001]]: the second row's loss is finite. Whose "
         "maximum does each row's log-sum-exp need to subtract?"),
        ("shifts each row by its mean instead of its maximum", ce_logits_mean_shift,
         "Try the row [1000, -1000, -1000]: which exponent does your code meet? After the "
         "shift the largest term of the sum should be e^0 = 1."),
        ("shifts each row by its largest absolute score: log(0) for a row of negative scores",
         ce_logits_abs_max_shift,
         "Try the row [-1000, -999]: after your shift, is any term of the sum still near 1? "
         "The shift must be the score that makes the largest exponent exactly 0."),
        ("returns a torch tensor instead of a float", ce_logits_tensor,
         "Check type() of your result: the prompt asks for a float. Which library computes "
         "your loss, and how do you turn its result into a Python float?"),
    ],
    "mse": [
        ("forgets the factor 2 in the gradient", mse_no_two,
         "Differentiate (pred - target)**2 with respect to pred: what does the exponent bring "
         "down? Compare your gradient with torch.autograd on a tiny example."),
        ("divides by the number of rows N instead of the number of entries M", mse_per_row,
         "Yours is right for shapes (N,) and (N, 1) but not (N, K): count how many numbers the "
         "mean averages over, and check what len() returns for a 2-D array."),
        ("half the sum of squares, E = 1/2 sum (pred - target)**2, instead of the mean",
         mse_half_sum,
         "That is the other convention the notebook mentions. Re-read the MSE formula: which "
         "factor stands in front of the sum? Compare with torch.nn.MSELoss."),
        ("squeezes pred and target: a (N, 1) pred gets a (N,) gradient", mse_squeezed,
         "Call it with pred of shape (5, 1) and print the gradient's shape: a gradient has the "
         "shape of what it differentiates, here pred."),
        ("reshapes to (N, -1): a (N,) pred gets a (N, 1) gradient", mse_as_columns,
         "Call it with pred of shape (6,) and print the gradient's shape: it must be pred's "
         "shape, (6,). Which step of your code adds an axis?"),
        ("returns the loss as a torch tensor instead of a float", mse_tensor_loss,
         "Check type() of the loss you return: the prompt asks for a float. Which library "
         "computes it, and how do you turn its result into a Python float?"),
        ("fills np.zeros_like(pred): integer predictions give an integer, truncated gradient",
         mse_zeros_like,
         "Try integer pred = [3, 0, 2] and target = [1, 1, 1]: the gradient is [4/3, -2/3, "
         "2/3]. Print the dtype of the array your code fills."),
    ],
    "mlp_forward": [
        ("applies the sigmoid to the last layer too", mlp_forward_sigmoid_last,
         "Re-read what the prompt says about the last layer: its outputs are the logits. "
         "Self-test: cache['h'][-1] should equal cache['a'][-1]."),
        ("stores the pre-activation a in cache['h'] instead of sigmoid(a)", mlp_forward_h_is_a,
         "cache['h'][l] must be what layer l passes on: compare cache['h'][1] with the input "
         "that layer 2 really multiplies by its W. Hidden h of a sigmoid lie in (0, 1)."),
        ("uses ReLU instead of the sigmoid in the hidden layers", mlp_forward_relu,
         "Re-read the prompt: which activation follows the hidden layers here? Self-test: a "
         "negative pre-activation should give a small positive h, not 0."),
        ("hard-codes a network of exactly two layers", mlp_forward_two_layers_only,
         "Try params with three layers (2 -> 6 -> 5 -> 3) and with one: L is len(params). "
         "How many layers does your code read, whatever the list holds?"),
        ("applies the sigmoid after the first layer only, not after every hidden layer",
         mlp_forward_first_sigmoid_only,
         "Try a network with three layers: cache['h'][2] must lie in (0, 1). Which layers "
         "does your condition send through the sigmoid?"),
        ("sigmoid as exp(a) / (1 + exp(a)): nan for pre-activations above about 709",
         mlp_forward_exp_ratio,
         "Evaluate your sigmoid at a = 900: the answer is 1. What do numerator and "
         "denominator become in float64? The notebook gives a form that never overflows."),
        ("stores the last layer's input h_(L-1) in cache['a'] instead of its pre-activation "
         "a_L", mlp_forward_last_a_is_input,
         "Self-test: cache['a'][-1] must have the shape (N, d_L) of the output and equal "
         "cache['h'][-1]. What does your code append to cache['a'] for the last layer?"),
    ],
    "two_layer_backward": [
        ("forgets the output sigmoid's derivative yhat (1 - yhat)",
         lambda x, y, p: _two_layer(x, y, p, out_slope=False),
         "delta2 is the gradient with respect to the pre-activation a2, not with respect to "
         "yhat: compare your delta2 with step 1 of the derivation, factor by factor."),
        ("forgets the hidden sigmoid's derivative h (1 - h)",
         lambda x, y, p: _two_layer(x, y, p, hidden_slope=False),
         "Going from dE/dh1 down to dE/da1 crosses the hidden sigmoid: compare your delta1 "
         "with step 3 of the derivation, factor by factor."),
        ("transposed weight gradients (delta.T @ x instead of x.T @ delta)",
         lambda x, y, p: _two_layer(x, y, p, transpose=True),
         "Compare each gradient's shape with its parameter's on a network where D, M and K "
         "all differ: a gradient has the shape of its parameter, and a square W hides this."),
        ("forgets the 1/N of the mean over the batch",
         lambda x, y, p: _two_layer(x, y, p, mean=False),
         "E is a mean over the batch: duplicate every example and your gradients should not "
         "change. Where does the 1/N of E enter the backward pass?"),
        ("bias gradients averaged over the batch on top of the 1/N",
         lambda x, y, p: _two_layer(x, y, p, bias_mean=True),
         "Count how often 1/N enters your bias gradients. Telltale sign: they agree with "
         "central differences for N = 1 but not for larger batches."),
        ("sigmoid as exp(a) / (1 + exp(a)): nan gradients for pre-activations above about 709",
         two_layer_exp_ratio,
         "Try weights of a few hundred: every gradient must stay finite. Evaluate your sigmoid "
         "at a = 800; the given two_layer_loss shows a form that never overflows."),
        ("squeezes the bias gradients: shape () instead of (1,) when K = 1 or M = 1",
         two_layer_squeezed_biases,
         "Try a network with one output (K = 1, as in the XOR demo) and print the shape of "
         "the gradient of b2: it must be b2's shape, (1,)."),
        ("uses the tanh slope 1 - h**2 for the hidden sigmoid", two_layer_tanh_slope,
         "Which activation does the hidden layer use here? Its local slope, written with its "
         "output h, is in the notebook's sigmoid section; compare it with yours."),
        ("sigmoid's slope from the pre-activation, e^-a / (1 + e^-a)^2: nan below about -709",
         two_layer_slope_from_input,
         "Try weights of a few hundred so that some pre-activations are near -800: the slope "
         "there is 0, not nan. The notebook writes the slope with the output h instead."),
    ],
    "softmax_cross_entropy_grad": [
        ("forgets to divide by N", sce_grad_no_mean,
         "The loss you differentiate is a mean over N examples. Compare with torch.autograd "
         "for N = 1 (they agree) and for N = 4: how do the two results differ?"),
        ("softmax without the max subtraction: nan for scores of 1000", sce_grad_naive_softmax,
         "Try logits [[1000, -1000]]: which of your intermediate arrays first holds inf or "
         "nan? The shift of the softmax exercise belongs in this function too."),
        ("one-hot minus probabilities (the sign is flipped)", sce_grad_wrong_sign,
         "Sanity check: raising the true class's logit lowers the loss, so that entry of the "
         "gradient must be negative. Is it negative in yours?"),
        ("subtracts the global maximum of the batch instead of each row's",
         sce_grad_global_max,
         "Try logits [[1000, -1000], [-1000, -999]]: every entry of the gradient is finite. "
         "Whose maximum should each row subtract?"),
        ("calls softmax instead of computing the probabilities itself", sce_grad_calls_softmax,
         "The prompt asks this function to compute its own probabilities: each exercise is "
         "graded on its own code. Does your function call another exercise's?"),
        ("fills np.zeros_like(logits): an integer array, truncated, for integer scores",
         sce_grad_zeros_like,
         "Try integer scores such as np.array([[2, 1, 0]]): the gradient must be a float "
         "array. Print the dtype of the array you fill."),
        ("shifts each row by its largest absolute score: nan for a row of large negative "
         "scores", sce_grad_abs_max_shift,
         "Try logits [[-1000, -1001, -999]]: every entry of the gradient is finite. After your "
         "shift, is any exponential of the row still near 1?"),
    ],
    "finite_differences": [
        ("central difference divided by eps instead of 2 * eps", fd_central_over_eps,
         "Test f(x) = x**2 at x = 1: the central difference should give exactly 2. How far "
         "apart are the two points where you evaluate f?"),
        ("backward difference (f(x) - f(x - eps)) / eps instead of the forward one",
         fd_backward_difference,
         "For f(x) = x**2 at x = 1 with eps = 0.1 the forward estimate is 2.1 (2x + eps); "
         "getting 1.9 means your first estimate steps to the other side of x."),
        ("central difference with half steps, (f(x + eps/2) - f(x - eps/2)) / eps",
         fd_half_steps,
         "For x**2 both forms are exact; try sin at x = 1 with eps = 0.1 and compare with the "
         "prompt's formula: at which points must f be evaluated?"),
        ("returns Python lists instead of numpy arrays", fd_lists,
         "Check type() of both results: the prompt asks for arrays of shape (M,). f works on "
         "whole arrays, so no loop over the points is needed."),
        ("ignores eps in the central difference (a fixed step of 1e-5)", fd_fixed_central_step,
         "Try sin at x = 1 with eps = 0.1: the central estimate is off from cos 1 by about "
         "1e-3. Is yours? Check which step each of your two estimates uses."),
    ],
    "Value": VALUE_VARIANTS,
    "train_softmax_regression": [
        ("forgets optimizer.zero_grad(): the gradients of all earlier steps pile up",
         lambda X, y, lr, epochs, seed: _train(X, y, lr, epochs, seed, zero_grad=False),
         "Look at the w.grad demo of section 6: backward() adds into .grad. Compare your loop "
         "with the training phase of the four-phase table."),
        ("forgets optimizer.step(): the model never changes",
         lambda X, y, lr, epochs, seed: _train(X, y, lr, epochs, seed, step=False),
         "Print the loss every few epochs: if it never moves, the weights were never updated. "
         "Compare your loop with the training phase of the four-phase table."),
        ("applies a softmax before CrossEntropyLoss (which applies its own)",
         lambda X, y, lr, epochs, seed: _train(X, y, lr, epochs, seed, softmax_first=True),
         "Re-read what CrossEntropyLoss takes as input. Telltale sign: with 10 classes your "
         "printed loss can never drop below about 1.46, however long you train."),
        ("does not seed: two calls start from different weights",
         lambda X, y, lr, epochs, seed: _train(X, y, lr, epochs, seed, seeded=False),
         "Call your function twice with the same seed and compare the weights: they must be "
         "identical. Re-read the prompt's first step, and what must come before the model."),
        ("mini-batches of 64 instead of full-batch steps",
         lambda X, y, lr, epochs, seed: _train(X, y, lr, epochs, seed, batch_size=64),
         "Re-read the prompt: each epoch is one gradient step on the whole training set. "
         "Count how many times optimizer.step() runs per epoch in your loop."),
        ("takes epochs - 1 steps (range(1, epochs))",
         lambda X, y, lr, epochs, seed: _train(X, y, lr, max(epochs - 1, 0), seed),
         "Count the optimizer steps your loop takes for epochs = 2: it must be 2. Print the "
         "values your loop variable runs through."),
        ("hard-codes torch.nn.Linear(64, 10) instead of (D, K) from the data",
         lambda X, y, lr, epochs, seed: _train(X, y, lr, epochs, seed, sizes=(64, 10)),
         "Call it on data with 5 features and labels 0..3: the model must be Linear(5, 4). "
         "Where do D and K come from?"),
        ("K = the number of distinct labels instead of y.max() + 1",
         lambda X, y, lr, epochs, seed: _train(X, y, lr, epochs, seed,
                                               sizes=(X.shape[1], len(torch.unique(y)))),
         "Try labels 0, 2 and 3 only: label 3 needs a fourth logit even though class 1 never "
         "occurs. Re-read how the docstring defines K."),
        ("hard-codes K = 10 classes instead of y.max() + 1",
         lambda X, y, lr, epochs, seed: _train(X, y, lr, epochs, seed, sizes=(X.shape[1], 10)),
         "Call it on labels 0..3 only: the model must have 4 outputs. Where does your code "
         "take the number of classes from?"),
        ("hard-codes D = 64 inputs instead of X.shape[1]",
         lambda X, y, lr, epochs, seed: _train(X, y, lr, epochs, seed,
                                               sizes=(64, int(y.max()) + 1)),
         "Call it on data with 5 features: the model must be Linear(5, K). Where does your "
         "code take the number of inputs from?"),
        ("takes epochs + 1 steps (range(epochs + 1)): epochs=0 is not the untrained model",
         lambda X, y, lr, epochs, seed: _train(X, y, lr, epochs + 1, seed),
         "Call it with epochs=0 and compare with a fresh torch.nn.Linear(D, K) created right "
         "after seeding with the same seed: the weights must be equal. Count your steps."),
        ("ignores lr: always steps with 0.5",
         lambda X, y, lr, epochs, seed: _train(X, y, 0.5, epochs, seed),
         "Train one step with lr=0.05 and one with lr=0.5 from the same seed: the weights must "
         "move by amounts ten times apart. Which learning rate does your optimizer get?"),
    ],
}


# ------------------------------------------------------- other correct implementations
def _softmax_logsumexp(z):
    z = np.asarray(z, dtype=np.float64)
    m = z.max(axis=1, keepdims=True)
    return np.exp(z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True)))


def _cross_entropy_loop(probs, y):
    return -sum(float(np.log(probs[n][int(y[n])])) for n in range(len(y))) / len(y)


def _ce_logits_torch(logits, y):
    return torch.nn.functional.cross_entropy(torch.as_tensor(np.asarray(logits, dtype=np.float64)),
                                             torch.as_tensor(np.asarray(y, dtype=np.int64))).item()


def _mse_sum_over_size(pred, target):
    diff = np.asarray(pred, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    return float((diff * diff).sum() / diff.size), diff * (2.0 / diff.size)


def _mlp_forward_logistic(x, params):
    hs, as_ = [np.asarray(x, dtype=np.float64)], []
    for i, (W, b) in enumerate(params):
        as_.append(hs[-1] @ W + b)
        last = i == len(params) - 1
        hs.append(as_[-1] if last else np.exp(-np.logaddexp(0.0, -as_[-1])))
    return hs[-1], {"a": as_, "h": hs}


def _two_layer_autograd(x, y, params):
    t = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in params.items()}
    x = torch.as_tensor(np.asarray(x, dtype=np.float64))
    y = torch.as_tensor(np.asarray(y, dtype=np.float64))
    yhat = torch.sigmoid(torch.sigmoid(x @ t["W1"] + t["b1"]) @ t["W2"] + t["b2"])
    (0.5 * ((yhat - y) ** 2).sum() / len(x)).backward()
    return {k: v.grad.numpy() for k, v in t.items()}


def _sce_grad_one_hot(logits, y):
    p = _softmax_logsumexp(logits)
    onehot = np.eye(p.shape[1])[np.asarray(y, dtype=np.int64)]  # (N, K)
    return (p - onehot) / len(p)


def _fd_average(f, x, eps):
    x = np.asarray(x, dtype=np.float64)
    forward = (f(x + eps) - f(x)) / eps
    backward = (f(x) - f(x - eps)) / eps
    return forward, (forward + backward) / 2


_VALUE_OTHER = _value_with(
    ("        return self ** -1 * other\n", "        return Value._lift(other) / self\n"),
    ("        return (-self) + other\n", "        return Value._lift(other) - self\n"),
)


def _train_functional(X, y, lr, epochs, seed):
    seed_everything(seed)
    model = torch.nn.Linear(X.shape[1], int(y.max()) + 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(epochs):
        model.zero_grad()
        torch.nn.functional.cross_entropy(model(X), y).backward()
        optimizer.step()
    return model



# blind review (issue 22): correct solutions written from the student release alone
def _softmax_rows(z):
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)
    for n in range(z.shape[0]):
        shifted = z[n] - np.max(z[n])
        out[n] = np.exp(shifted - np.log(np.sum(np.exp(shifted))))
    return out


def _cross_entropy_math_log(probs, y):
    total = 0.0
    for n in range(len(y)):
        total -= math.log(probs[n, int(y[n])])
    return total / len(y)


def _ce_logits_logaddexp(logits, y):
    lse = np.logaddexp.reduce(logits, axis=1)
    return float(np.mean(lse - logits[np.arange(len(y)), y]))


def _mse_difference(pred, target):
    d = np.asarray(pred, dtype=float) - np.asarray(target, dtype=float)
    return float(np.sum(d * d) / d.size), (2.0 / d.size) * d


def _mlp_forward_exp_minus(x, params):
    a_list, h_list = [], [x]
    for layer, (W, b) in enumerate(params, start=1):
        a = np.dot(h_list[-1], W) + b
        a_list.append(a)
        with np.errstate(over="ignore"):
            h_list.append(a if layer == len(params) else 1.0 / (1.0 + np.exp(-a)))
    return h_list[-1], {"a": a_list, "h": h_list}


def _two_layer_einsum(x, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    h1 = 0.5 * (1.0 + np.tanh(0.5 * (np.einsum("nd,dm->nm", x, W1) + b1)))
    yhat = 0.5 * (1.0 + np.tanh(0.5 * (np.einsum("nm,mk->nk", h1, W2) + b2)))
    delta2 = (yhat - y) * yhat * (1.0 - yhat) / x.shape[0]
    delta1 = np.einsum("nk,mk->nm", delta2, W2) * h1 * (1.0 - h1)
    return {"W1": np.einsum("nd,nm->dm", x, delta1), "b1": np.einsum("nm->m", delta1),
            "W2": np.einsum("nm,nk->mk", h1, delta2), "b2": np.einsum("nk->k", delta2)}


def _sce_grad_log_softmax(logits, y):
    z = np.asarray(logits, dtype=np.float64)
    m = z.max(axis=1, keepdims=True)
    log_p = z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))
    return (np.exp(log_p) - np.eye(z.shape[1])[y]) / z.shape[0]


def _fd_point_by_point(f, x, eps):
    forward, central = np.empty(len(x)), np.empty(len(x))
    for i in range(len(x)):
        xi = x[i:i + 1]
        forward[i] = ((f(xi + eps) - f(xi)) / eps)[0]
        central[i] = ((f(xi + eps) - f(xi - eps)) / (2 * eps))[0]
    return forward, central


def _fd_shift_in_place(f, x, eps):
    fx = f(x)
    x += eps  # changes the caller's x and restores it: the prompt does not forbid it
    fp = f(x)
    x -= 2 * eps
    fm = f(x)
    x += eps
    return (fp - fx) / eps, (fp - fm) / (2 * eps)


def _fd_zeros_like(f, x, eps):
    # np.zeros_like(x) is an integer array for integer x: the prompt promises no such x
    forward, central = np.zeros_like(x), np.zeros_like(x)
    for i in range(len(x)):
        forward[i] = (f(x[i] + eps) - f(x[i])) / eps
        central[i] = (f(x[i] + eps) - f(x[i] - eps)) / (2 * eps)
    return forward, central


_VALUE_STACK_SOURCE = """
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._prev = tuple(_children)
        self._op = _op
        self._backward = lambda: None

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    @staticmethod
    def _lift(x):
        return x if isinstance(x, Value) else Value(x)

    def __lt__(self, other):
        return self.data < Value._lift(other).data

    def __le__(self, other):
        return self.data <= Value._lift(other).data

    def __gt__(self, other):
        return self.data > Value._lift(other).data

    def __ge__(self, other):
        return self.data >= Value._lift(other).data

    def _unary(self, value, slope, op):
        out = Value(value, (self,), op)

        def _backward():
            self.grad += slope(out) * out.grad
        out._backward = _backward
        return out

    def __add__(self, other):
        other = Value._lift(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = Value._lift(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k):
        return self._unary(self.data ** k, lambda o: k * self.data ** (k - 1), "pow")

    def exp(self):
        return self._unary(float(np.exp(self.data)), lambda o: o.data, "exp")

    def log(self):
        return self._unary(float(np.log(self.data)), lambda o: 1.0 / self.data, "log")

    def tanh(self):
        return self._unary(float(np.tanh(self.data)), lambda o: 1.0 - o.data ** 2, "tanh")

    def sigmoid(self):
        a = self.data
        if a < 0:
            e = float(np.exp(a))
            s = e / (1.0 + e)
        else:
            s = 1.0 / (1.0 + float(np.exp(-a)))
        return self._unary(s, lambda o: o.data * (1.0 - o.data), "sigmoid")

    def relu(self):
        return self._unary(max(self.data, 0.0), lambda o: float(self.data > 0), "relu")

    def __neg__(self):
        return self._unary(-self.data, lambda o: -1.0, "neg")

    def __sub__(self, other):
        other = Value._lift(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad -= out.grad
        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = Value._lift(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data ** 2 * out.grad
        out._backward = _backward
        return out

    def __radd__(self, other):
        return Value._lift(other) + self

    def __rsub__(self, other):
        return Value._lift(other) - self

    def __rmul__(self, other):
        return Value._lift(other) * self

    def __rtruediv__(self, other):
        return Value._lift(other) / self

    def backward(self):
        order, done = [], set()
        stack = [(self, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                order.append(node)
                continue
            if id(node) in done:
                continue
            done.add(id(node))
            stack.append((node, True))
            for child in node._prev:
                if id(child) not in done:
                    stack.append((child, False))
        self.grad = 1.0
        for node in reversed(order):
            node._backward()
"""
_value_namespace = {"np": np}
exec(compile(_VALUE_STACK_SOURCE, "<Value, blind review>", "exec"), _value_namespace)  # noqa: S102
_VALUE_STACK = _value_namespace["Value"]


# blind review, second round (issue 22)
def _cross_entropy_where(probs, y):
    probs = np.asarray(probs, dtype=np.float64)
    picked = np.eye(probs.shape[1], dtype=bool)[np.asarray(y)]  # (N, K) one-hot, as bools
    logs = np.where(picked, np.log(np.where(picked, probs, 1.0)), 0.0)  # log 1 = 0 elsewhere
    return float(-logs.sum() / len(probs))


def _mse_autograd(pred, target):
    p = torch.tensor(np.asarray(pred, dtype=np.float64), requires_grad=True)
    loss = torch.nn.functional.mse_loss(p, torch.as_tensor(np.asarray(target, dtype=np.float64)))
    loss.backward()
    return loss.item(), p.grad.numpy()


def _mlp_forward_where(x, params):
    def sigmoid(a):
        e = np.exp(-np.abs(a))  # never overflows
        return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

    hs, pre = [x], []
    for i, (W, b) in enumerate(params):
        pre.append(hs[-1] @ W + b)
        hs.append(sigmoid(pre[-1]) if i + 1 < len(params) else pre[-1])
    return hs[-1], {"a": pre, "h": hs}


_VALUE_LOG1P = _value_with(("""            e = np.exp(self.data)  # tiny but not 0 down to about -745
            s = e / (1.0 + e)
""", """            s = float(np.exp(self.data - np.log1p(np.exp(self.data))))
"""))


def _train_while_loop(X, y, lr, epochs, seed):
    seed_everything(seed)
    model = torch.nn.Linear(X.shape[1], int(y.max().item()) + 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    criterion = torch.nn.CrossEntropyLoss()
    step = 0
    while step < epochs:
        optimizer.zero_grad()
        criterion(model(X), y).backward()
        optimizer.step()
        step += 1
    return model


RIGHT = {
    "softmax": [("exp(z - logsumexp(z)) with the shift", _softmax_logsumexp),
                ("row by row with the log-sum-exp", _softmax_rows)],
    "cross_entropy": [("a loop over the examples", _cross_entropy_loop),
                      ("a loop with math.log", _cross_entropy_math_log),
                      ("one-hot booleans and np.where", _cross_entropy_where)],
    "cross_entropy_from_logits": [("torch.nn.functional.cross_entropy in float64",
                                   _ce_logits_torch),
                                  ("np.logaddexp.reduce along the rows", _ce_logits_logaddexp)],
    "mse": [("sum of squares divided by the size", _mse_sum_over_size),
            ("one difference array, M from its size", _mse_difference),
            ("torch.autograd in float64, .item() for the loss", _mse_autograd)],
    "mlp_forward": [("lists, sigmoid as exp(-logaddexp(0, -a))", _mlp_forward_logistic),
                    ("1 / (1 + exp(-a)) with the overflow warning silenced",
                     _mlp_forward_exp_minus),
                    ("two-case sigmoid with np.where on exp(-|a|)", _mlp_forward_where)],
    "two_layer_backward": [("torch.autograd in float64", _two_layer_autograd),
                           ("np.einsum for every product", _two_layer_einsum)],
    "softmax_cross_entropy_grad": [("subtracts a one-hot matrix np.eye(K)[y]", _sce_grad_one_hot),
                                   ("probabilities from the log-softmax", _sce_grad_log_softmax)],
    "finite_differences": [("central difference as the mean of forward and backward",
                            _fd_average),
                           ("a loop over the points", _fd_point_by_point),
                           ("shifts x in place and back (the prompt does not forbid changing x)",
                            _fd_shift_in_place),
                           ("a loop filling np.zeros_like(x) (the prompt's x is a float array)",
                            _fd_zeros_like)],
    "Value": [("reversed operators written with the lifted number on the left", _VALUE_OTHER),
              ("an explicit stack for the order; own derivatives for - and /", _VALUE_STACK),
              ("sigmoid of a < 0 as exp(a - log1p(exp(a)))", _VALUE_LOG1P)],
    "train_softmax_regression": [("model.zero_grad() and F.cross_entropy", _train_functional),
                                 ("a while loop, zero_grad before the inference",
                                  _train_while_loop)],
}


#: The mistakes found by blind review (issue 22): candidates written from the student release
#: alone, before the hidden tests were read; the ``why`` of each, as in WRONG above.
BLIND = {
    "softmax": [
        "subtracts the global maximum instead of each row's: rows far below it give 0/0",
        "shifts each row by its mean instead of its maximum: exp overflows for a row like "
        "[1000, -1000, -1000]",
        "returns torch.softmax's tensor instead of a numpy array",
        # second round
        "shifts each row by its largest absolute score: 0/0 for a row of large negative "
        "scores",
        "fills np.zeros_like(z): integer scores give an integer array of truncated "
        "probabilities",
    ],
    "cross_entropy": [
        "clips the probabilities to [1e-7, 1 - 1e-7] before the log",
        "log of the product of the probabilities: the product underflows to 0 for a large batch",
        "returns a torch tensor instead of a Python float",
        # second round
        "adds 1e-12 inside the log: wrong for a tiny true-class probability such as 1e-300",
        "takes each row's largest probability (the predicted class) instead of the true "
        "class's",
    ],
    "cross_entropy_from_logits": [
        "subtracts the global maximum of the batch instead of each row's",
        "shifts each row by its mean instead of its maximum",
        "shifts each row by its largest absolute score: log(0) for a row of negative scores",
        # second round
        "returns a torch tensor instead of a float",
    ],
    "mse": [
        "squeezes pred and target: a (N, 1) pred gets a (N,) gradient",
        "divides by the number of rows N instead of the number of entries M",
        "reshapes to (N, -1): a (N,) pred gets a (N, 1) gradient",
        # second round
        "returns the loss as a torch tensor instead of a float",
        "fills np.zeros_like(pred): integer predictions give an integer, truncated gradient",
    ],
    "mlp_forward": [
        "hard-codes a network of exactly two layers",
        "applies the sigmoid after the first layer only, not after every hidden layer",
        "sigmoid as exp(a) / (1 + exp(a)): nan for pre-activations above about 709",
        # second round
        "stores the last layer's input h_(L-1) in cache['a'] instead of its pre-activation "
        "a_L",
    ],
    "two_layer_backward": [
        "sigmoid as exp(a) / (1 + exp(a)): nan gradients for pre-activations above about 709",
        "squeezes the bias gradients: shape () instead of (1,) when K = 1 or M = 1",
        "uses the tanh slope 1 - h**2 for the hidden sigmoid",
        # second round
        "sigmoid's slope from the pre-activation, e^-a / (1 + e^-a)^2: nan below about -709",
    ],
    "softmax_cross_entropy_grad": [
        "subtracts the global maximum of the batch instead of each row's",
        "calls softmax instead of computing the probabilities itself",
        "fills np.zeros_like(logits): an integer array, truncated, for integer scores",
        # second round
        "shifts each row by its largest absolute score: nan for a row of large negative "
        "scores",
    ],
    "finite_differences": [
        "central difference with half steps, (f(x + eps/2) - f(x - eps/2)) / eps",
        "returns Python lists instead of numpy arrays",
        # the third candidate written blind (shifting x in place and back) is correct by the
        # prompt and is in RIGHT; this one was considered blind too, but not written out
        # because the visible checks already catch it
        "backward difference (f(x) - f(x - eps)) / eps instead of the forward one",
        # second round (its third blind candidate, filling np.zeros_like(x), truncates
        # integer points only, which the prompt does not promise: it is in RIGHT)
        "ignores eps in the central difference (a fixed step of 1e-5)",
    ],
    "Value": [
        "exp's backward assigns (=) instead of adding (+=): wrong when the input is used again",
        "sigmoid with the one formula 1 / (1 + exp(-x)): exp(720) overflows and the sigmoid of "
        "-720 becomes 0",
        "tanh from exponentials (e^2x - 1) / (e^2x + 1): inf / inf for x above about 355",
        "backward in breadth-first order from the output, not reverse topological order",
        # second round
        "sigmoid's two cases swapped: e^x / (1 + e^x) for x >= 0 overflows to inf / inf, and "
        "1 / (1 + e^-x) for x < 0 rounds to 0 below about -709",
        "sigmoid's local slope from the input, e^-x / (1 + e^-x)^2: inf / inf = nan below "
        "about -709",
        "backward() sets every node's grad to 0 first: a leaf used in two graphs keeps only the "
        "last backward's gradient",
        "topological order by pre-order depth-first search (a node before its inputs), swept "
        "from the first node on",
    ],
    "train_softmax_regression": [
        "applies a softmax before CrossEntropyLoss (which applies its own)",
        "forgets optimizer.zero_grad(): the gradients of all earlier steps pile up",
        "takes epochs - 1 steps (range(1, epochs))",
        "hard-codes torch.nn.Linear(64, 10) instead of (D, K) from the data",
        "K = the number of distinct labels instead of y.max() + 1",
        # second round
        "hard-codes K = 10 classes instead of y.max() + 1",
        "hard-codes D = 64 inputs instead of X.shape[1]",
        "takes epochs + 1 steps (range(epochs + 1)): epochs=0 is not the untrained model",
        "ignores lr: always steps with 0.5",
    ],
}
