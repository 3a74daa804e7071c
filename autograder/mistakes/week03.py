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


# ---------------------------------------------------------------------- finite_differences
def fd_central_over_eps(f, x, eps):
    x = np.asarray(x, dtype=np.float64)
    return (f(x + eps) - f(x)) / eps, (f(x + eps) - f(x - eps)) / eps


def fd_backward_difference(f, x, eps):
    x = np.asarray(x, dtype=np.float64)
    return (f(x) - f(x - eps)) / eps, (f(x + eps) - f(x - eps)) / (2 * eps)


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
]


# ---------------------------------------------------------------- train_softmax_regression
def _train(X, y, lr, epochs, seed, *, zero_grad=True, step=True, softmax_first=False,
           seeded=True, batch_size=None):
    if seeded:
        seed_everything(seed)
    model = torch.nn.Linear(X.shape[1], int(y.max()) + 1)
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
    ],
    "finite_differences": [
        ("central difference divided by eps instead of 2 * eps", fd_central_over_eps,
         "Test f(x) = x**2 at x = 1: the central difference should give exactly 2. How far "
         "apart are the two points where you evaluate f?"),
        ("backward difference (f(x) - f(x - eps)) / eps instead of the forward one",
         fd_backward_difference,
         "For f(x) = x**2 at x = 1 with eps = 0.1 the forward estimate is 2.1 (2x + eps); "
         "getting 1.9 means your first estimate steps to the other side of x."),
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


RIGHT = {
    "softmax": [("exp(z - logsumexp(z)) with the shift", _softmax_logsumexp)],
    "cross_entropy": [("a loop over the examples", _cross_entropy_loop)],
    "cross_entropy_from_logits": [("torch.nn.functional.cross_entropy in float64",
                                   _ce_logits_torch)],
    "mse": [("sum of squares divided by the size", _mse_sum_over_size)],
    "mlp_forward": [("lists, sigmoid as exp(-logaddexp(0, -a))", _mlp_forward_logistic)],
    "two_layer_backward": [("torch.autograd in float64", _two_layer_autograd)],
    "softmax_cross_entropy_grad": [("subtracts a one-hot matrix np.eye(K)[y]", _sce_grad_one_hot)],
    "finite_differences": [("central difference as the mean of forward and backward",
                            _fd_average)],
    "Value": [("reversed operators written with the lifted number on the left", _VALUE_OTHER)],
    "train_softmax_regression": [("model.zero_grad() and F.cross_entropy", _train_functional)],
}
