"""Reference solutions of week03/backprop.ipynb: generated, never edit by hand.

Made by `dlgrade generate` from the notebook's set-up cell (its imports) and its solution
cells (without the ``### BEGIN/END SOLUTION`` lines), in notebook order: edit the notebook,
then run the command. The grader runs the hidden tests against this module. Never
shipped to students.
"""

# The set-up imports are the namespace the hidden tests run in, used or not here.
# ruff: noqa: F401, F811

import numpy as np
import torch
import sympy as sp
import matplotlib.pyplot as plt
from dlcourse import check, data, plot
from dlcourse.train import quick_mode, scaled, seed_everything
from dlcourse.gradcheck import numerical_gradient, relative_error


def softmax(z):
    """Row-wise softmax that stays finite for scores of any size.

    Args:
        z: (N, K) scores (logits): one row per example, one column per class.

    Returns:
        p: (N, K) float array; every row is positive and sums to 1.
    """
    z = np.asarray(z, dtype=np.float64)
    shifted = z - z.max(axis=1, keepdims=True)  # (N, K); the largest score of each row is 0
    e = np.exp(shifted)  # every entry in (0, 1]: no overflow
    return e / e.sum(axis=1, keepdims=True)  # each row sum is between 1 and K


def cross_entropy(probs, y):
    """Mean cross-entropy of predicted probabilities against integer labels.

    Args:
        probs: (N, K) predicted probabilities, rows summing to 1. The probability of each
            example's true class is > 0; the other entries may be exactly 0.
        y: (N,) integer labels in 0..K-1.

    Returns:
        loss: float, -(1/N) * sum_n log(probs[n, y[n]]) (natural log).
    """
    probs = np.asarray(probs, dtype=np.float64)
    y = np.asarray(y, dtype=np.int64)
    picked = probs[np.arange(len(y)), y]  # (N,) the probability of each true class
    return float(-np.mean(np.log(picked)))


def cross_entropy_from_logits(logits, y):
    """Mean cross-entropy computed from scores with the log-sum-exp trick.

    Args:
        logits: (N, K) scores z, any finite real numbers (also +-1000).
        y: (N,) integer labels in 0..K-1.

    Returns:
        loss: float, (1/N) * sum_n (logsumexp(z[n]) - z[n, y[n]]), finite for finite z.
    """
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(y, dtype=np.int64)
    m = z.max(axis=1, keepdims=True)  # (N, 1)
    lse = m[:, 0] + np.log(np.sum(np.exp(z - m), axis=1))  # (N,) log sum_i exp(z_i)
    return float(np.mean(lse - z[np.arange(len(y)), y]))


def mse(pred, target):
    """Mean squared error and its gradient with respect to the predictions.

    Args:
        pred: (N, ...) predictions. target: the same shape as pred.

    Returns:
        loss: float, the mean of (pred - target)**2 over all M = pred.size entries.
        dpred: array of pred's shape, d loss / d pred = 2 * (pred - target) / M.
    """
    diff = np.asarray(pred, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    return float(np.mean(diff ** 2)), 2.0 * diff / diff.size


def mlp_forward(x, params):
    """Forward pass of a multilayer perceptron with sigmoid hidden layers.

    Layer l = 1..L computes a_l = h_{l-1} @ W_l + b_l; then h_l = sigmoid(a_l) for the
    hidden layers and h_L = a_L (the logits) for the last layer. h_0 = x.

    Args:
        x: (N, D) inputs.
        params: list of L pairs (W_l, b_l) with W_l: (d_{l-1}, d_l), b_l: (d_l,), d_0 = D.

    Returns:
        out: (N, d_L) the logits h_L.
        cache: dict with "a": list of the L pre-activations [a_1, ..., a_L], a_l: (N, d_l),
            and "h": list of the L + 1 post-activations [h_0 = x, h_1, ..., h_L].
    """
    h = np.asarray(x, dtype=np.float64)
    cache = {"a": [], "h": [h]}
    for layer, (W, b) in enumerate(params, start=1):
        a = h @ W + b  # (N, d_l)
        h = a if layer == len(params) else 0.5 * (1.0 + np.tanh(0.5 * a))  # sigmoid(a)
        cache["a"].append(a)
        cache["h"].append(h)
    return h, cache


def two_layer_backward(x, y, params):
    """Gradients of the two-layer sigmoid network's loss, by the chain rule.

    Network: a1 = x @ W1 + b1, h1 = sigmoid(a1), a2 = h1 @ W2 + b2, yhat = sigmoid(a2).
    Loss (half the squared error, averaged over the batch), as `two_layer_loss`:
        E = (1/N) * sum_n 1/2 * sum_k (yhat[n, k] - y[n, k])**2.

    Args:
        x: (N, D) inputs. y: (N, K) targets.
        params: {"W1": (D, M), "b1": (M,), "W2": (M, K), "b2": (K,)}, M hidden units.

    Returns:
        grads: {"W1": (D, M), "b1": (M,), "W2": (M, K), "b2": (K,)}, dE/d(each parameter).
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    h1 = 0.5 * (1.0 + np.tanh(0.5 * (x @ W1 + b1)))  # (N, M) sigmoid(a1)
    yhat = 0.5 * (1.0 + np.tanh(0.5 * (h1 @ W2 + b2)))  # (N, K) sigmoid(a2)
    delta2 = (yhat - y) * yhat * (1.0 - yhat) / len(x)  # (N, K) dE/da2
    delta1 = (delta2 @ W2.T) * h1 * (1.0 - h1)  # (N, M) dE/da1
    return {"W1": x.T @ delta1, "b1": delta1.sum(axis=0),
            "W2": h1.T @ delta2, "b2": delta2.sum(axis=0)}


def softmax_cross_entropy_grad(logits, y):
    """Gradient of `cross_entropy_from_logits(logits, y)` with respect to the logits.

    Args:
        logits: (N, K) scores z. y: (N,) integer labels in 0..K-1.

    Returns:
        dz: (N, K) float array, (softmax(z) - onehot(y)) / N; finite for any finite z.
    """
    z = np.asarray(logits, dtype=np.float64)
    e = np.exp(z - z.max(axis=1, keepdims=True))  # (N, K), every entry in (0, 1]
    p = e / e.sum(axis=1, keepdims=True)  # softmax, a new array: safe to change in place
    y = np.asarray(y, dtype=np.int64)
    p[np.arange(len(y)), y] -= 1.0  # subtract the one-hot targets
    return p / len(y)


def finite_differences(f, x, eps):
    """Forward and central difference estimates of the derivative f'(x).

    Args:
        f: an elementwise function of a numpy array (e.g. np.sin): (M,) -> (M,).
        x: (M,) points where the derivative is estimated.
        eps: the step, a float > 0.

    Returns:
        forward: (M,) (f(x + eps) - f(x)) / eps, error O(eps).
        central: (M,) (f(x + eps) - f(x - eps)) / (2 * eps), error O(eps**2).
    """
    x = np.asarray(x, dtype=np.float64)
    f_x, f_plus, f_minus = f(x), f(x + eps), f(x - eps)
    return (f_plus - f_x) / eps, (f_plus - f_minus) / (2 * eps)


class Value:
    """A scalar that remembers how it was computed, so that gradients can flow back.

    Attributes:
        data: float, the number this node holds.
        grad: float, d(root)/d(this node) once ``root.backward()`` has run; starts at 0.
        _prev: tuple of the input nodes this node was computed from (empty for a leaf;
            ``x * x`` lists x twice).
        _op: str naming the operation that made this node ("" for a leaf), for drawing.
        _backward: function of no arguments that ADDS this node's grad times the local
            derivatives into the grad of each input (the chain rule at this node).

    Every operation returns a new Value. Plain numbers are accepted on either side of an
    operator: ``v + 1``, ``2 * v``, ``1 / v``, ``2 - v``, ``-v``.

    Comparisons ``<``, ``<=``, ``>``, ``>=`` compare ``data`` (with a Value or a plain number)
    and return a bool; they build no graph node, so nothing flows back through them.
    ``==`` is left as identity: two nodes holding the same number are still two nodes (a
    graph's nodes are told apart by identity, e.g. in the set of visited nodes of backward).
    """

    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._prev = tuple(_children)
        self._op = _op
        self._backward = lambda: None  # a leaf has no inputs to pass its gradient to

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    @staticmethod
    def _lift(x):
        """x itself if it is a Value, else a new leaf Value(x) (for plain numbers)."""
        return x if isinstance(x, Value) else Value(x)

    # -- comparisons of the data (given): a bool, no node of the graph --------------------
    def __lt__(self, other):
        return self.data < Value._lift(other).data

    def __le__(self, other):
        return self.data <= Value._lift(other).data

    def __gt__(self, other):
        return self.data > Value._lift(other).data

    def __ge__(self, other):
        return self.data >= Value._lift(other).data

    # -- operations with their own local derivatives --------------------------------------
    def __add__(self, other):
        """self + other. Local derivatives: d/dself = 1, d/dother = 1."""
        other = Value._lift(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        """self * other. Local derivatives: d/dself = other, d/dother = self."""
        other = Value._lift(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __pow__(self, k):
        """self ** k for a plain number k (not a Value). d/dself = k * self ** (k - 1)."""
        k = float(k)
        out = Value(self.data ** k, (self,), f"**{k:g}")

        def _backward():
            self.grad += k * self.data ** (k - 1) * out.grad

        out._backward = _backward
        return out

    def exp(self):
        """e ** self. d/dself = e ** self, the output itself."""
        out = Value(np.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad

        out._backward = _backward
        return out

    def log(self):
        """Natural logarithm of self (self > 0). d/dself = 1 / self."""
        out = Value(np.log(self.data), (self,), "log")

        def _backward():
            self.grad += out.grad / self.data

        out._backward = _backward
        return out

    def tanh(self):
        """tanh(self). d/dself = 1 - tanh(self) ** 2, written with the output."""
        out = Value(np.tanh(self.data), (self,), "tanh")

        def _backward():
            self.grad += (1.0 - out.data ** 2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        """1 / (1 + e ** -self), not 0 above about -745. d/dself = s * (1 - s), s the output."""
        if self.data >= 0:
            s = 1.0 / (1.0 + np.exp(-self.data))  # exp of a number <= 0: no overflow
        else:
            e = np.exp(self.data)  # tiny but not 0 down to about -745
            s = e / (1.0 + e)
        out = Value(s, (self,), "sigmoid")

        def _backward():
            self.grad += out.data * (1.0 - out.data) * out.grad

        out._backward = _backward
        return out

    def relu(self):
        """max(self, 0). d/dself = 1 where self > 0, else 0 (also 0 at exactly 0, as torch)."""
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad

        out._backward = _backward
        return out

    # -- operations built from those above: their gradients come for free -----------------
    def __neg__(self):
        """-self."""
        return self * -1.0

    def __sub__(self, other):
        """self - other."""
        return self + (-other)

    def __truediv__(self, other):
        """self / other. Local derivatives: 1 / other and -self / other ** 2."""
        return self * other ** -1

    def __radd__(self, other):
        """other + self for a plain number other (Python calls it for ``2 + v``)."""
        return self + other

    def __rsub__(self, other):
        """other - self for a plain number other (``2 - v``)."""
        return (-self) + other

    def __rmul__(self, other):
        """other * self for a plain number other (``2 * v``)."""
        return self * other

    def __rtruediv__(self, other):
        """other / self for a plain number other (``1 / v``)."""
        return self ** -1 * other

    # -- the backward sweep -----------------------------------------------------------------
    def backward(self):
        """Fill in d(self)/d(node) as ``node.grad`` for every node self depends on.

        Sets ``self.grad = 1``, then runs every node's ``_backward`` in reverse topological
        order: a node passes its gradient on only after every node that uses it has added
        its contribution. Call it once per graph (grads add up, as in torch).
        """
        order, seen = [], set()

        def visit(node):  # depth first: a node is appended after all of its inputs
            if id(node) not in seen:
                seen.add(id(node))
                for child in node._prev:
                    visit(child)
                order.append(node)

        visit(self)
        self.grad = 1.0
        for node in reversed(order):  # the output first, the leaves last
            node._backward()


def train_softmax_regression(X, y, lr, epochs, seed):
    """Train a softmax-regression classifier by full-batch gradient descent in PyTorch.

    Call seed_everything(seed) first, then create the model torch.nn.Linear(D, K) (its
    default initialization), then take `epochs` steps of torch.optim.SGD(lr=lr), each on
    the whole of (X, y), with the mean cross-entropy of the logits (torch.nn.CrossEntropyLoss).

    Args:
        X: (N, D) float32 tensor of inputs. y: (N,) int64 tensor of labels 0..K-1, with
            K = y.max() + 1 classes.
        lr: learning rate. epochs: number of gradient steps (0 returns the untrained model).
        seed: seeds the initial weights.

    Returns:
        model: the trained torch.nn.Linear(D, K); model(X) gives (N, K) logits.
    """
    seed_everything(seed)
    model = torch.nn.Linear(X.shape[1], int(y.max()) + 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()  # log-softmax and negative log-likelihood in one
    for _ in range(epochs):
        logits = model(X)  # 1. inference: (N, K) scores
        loss = loss_fn(logits, y)  # 2. loss
        optimizer.zero_grad()  # 3. training: clear the previous step's gradients,
        loss.backward()  # backpropagate,
        optimizer.step()  # and update the weights
    return model
