"""Blind review, round 2, week 3 (backprop): candidates written from the student release only."""

# ---------------------------------------------------------------------------------------------
# Value: a correct class, and wrong ones made by replacing one method.
# ---------------------------------------------------------------------------------------------
_VALUE_HEAD = '''
import math


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
        out = Value(self.data ** k, (self,), f"**{k}")

        def _backward():
            self.grad += k * self.data ** (k - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self):
        out = Value(math.log(self.data), (self,), "log")

        def _backward():
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-Value._lift(other))

    def __truediv__(self, other):
        return self * Value._lift(other) ** -1

    def __radd__(self, other):
        return self + other

    def __rsub__(self, other):
        return Value._lift(other) - self

    def __rmul__(self, other):
        return self * other

    def __rtruediv__(self, other):
        return Value._lift(other) * self ** -1
'''

_TANH = '''
    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward():
            self.grad += (1 - out.data ** 2) * out.grad
        out._backward = _backward
        return out
'''

_SIGMOID = '''
    def sigmoid(self):
        a = self.data
        if a >= 0:
            s = 1.0 / (1.0 + math.exp(-a))
        else:
            e = math.exp(a)
            s = e / (1.0 + e)
        out = Value(s, (self,), "sigmoid")

        def _backward():
            self.grad += out.data * (1 - out.data) * out.grad
        out._backward = _backward
        return out
'''

_BACKWARD = '''
    def backward(self):
        topo, visited = [], set()

        def build(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build(child)
                topo.append(v)
        build(self)
        self.grad = 1.0
        for node in reversed(topo):
            node._backward()
'''


def _value(tanh=_TANH, sigmoid=_SIGMOID, backward=_BACKWARD, head=_VALUE_HEAD):
    return head + tanh + sigmoid + backward


_SIGMOID_NAIVE = '''
    def sigmoid(self):
        s = 1.0 / (1.0 + np.exp(-self.data))
        out = Value(s, (self,), "sigmoid")

        def _backward():
            self.grad += out.data * (1 - out.data) * out.grad
        out._backward = _backward
        return out
'''

_SIGMOID_SWAPPED = '''
    def sigmoid(self):
        a = self.data
        if a < 0:
            s = 1.0 / (1.0 + math.exp(-a))
        else:
            e = math.exp(a)
            s = e / (1.0 + e)
        out = Value(s, (self,), "sigmoid")

        def _backward():
            self.grad += out.data * (1 - out.data) * out.grad
        out._backward = _backward
        return out
'''

_SIGMOID_SLOPE_FROM_INPUT = '''
    def sigmoid(self):
        a = self.data
        if a >= 0:
            s = 1.0 / (1.0 + math.exp(-a))
        else:
            e = math.exp(a)
            s = e / (1.0 + e)
        out = Value(s, (self,), "sigmoid")

        def _backward():
            e = np.exp(-self.data)
            self.grad += e / (1.0 + e) ** 2 * out.grad
        out._backward = _backward
        return out
'''

_TANH_FROM_EXP = '''
    def tanh(self):
        e = np.exp(2 * self.data)
        out = Value((e - 1) / (e + 1), (self,), "tanh")

        def _backward():
            self.grad += (1 - out.data ** 2) * out.grad
        out._backward = _backward
        return out
'''

_BACKWARD_ZEROES = '''
    def backward(self):
        topo, visited = [], set()

        def build(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build(child)
                topo.append(v)
        build(self)
        for node in topo:
            node.grad = 0.0  # start clean
        self.grad = 1.0
        for node in reversed(topo):
            node._backward()
'''

_BACKWARD_PREORDER = '''
    def backward(self):
        topo, visited = [], set()

        def build(v):
            if v not in visited:
                visited.add(v)
                topo.append(v)
                for child in v._prev:
                    build(child)
        build(self)
        self.grad = 1.0
        for node in topo:
            node._backward()
'''

_BACKWARD_ITERATIVE = '''
    def backward(self):
        # iterative post-order DFS (no recursion limit), then the reverse sweep
        topo, visited, stack = [], set(), [(self, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                topo.append(node)
                continue
            if id(node) in visited:
                continue
            visited.add(id(node))
            stack.append((node, True))
            for child in node._prev:
                if id(child) not in visited:
                    stack.append((child, False))
        self.grad = 1.0
        for node in reversed(topo):
            node._backward()
'''

_SIGMOID_TANH_LOW = '''
    def sigmoid(self):
        a = self.data
        s = 1.0 / (1.0 + math.exp(-a)) if a >= 0 else math.exp(a - math.log1p(math.exp(a)))
        out = Value(s, (self,), "sigmoid")

        def _backward():
            self.grad += out.data * (1.0 - out.data) * out.grad
        out._backward = _backward
        return out
'''

WRONG = {
    "softmax": [
        ("subtracts the maximum of the whole batch, not each row's own maximum (a row of "
         "scores far below another row underflows to 0/0)", '''
def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum(axis=1, keepdims=True)
'''),
        ("subtracts each row's mean instead of its maximum (finite for [1000, 999, -1000] "
         "but overflows for [1000, -1000])", '''
def softmax(z):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.mean(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
'''),
        ("subtracts the row's largest |score| (wrong for a row of large negative scores: "
         "every exponential underflows to 0, 0/0 = nan)", '''
def softmax(z):
    m = np.abs(z).max(axis=1, keepdims=True)
    e = np.exp(z - m)
    return e / e.sum(axis=1, keepdims=True)
'''),
        ("loops over rows writing into np.zeros_like(z): integer scores give an integer "
         "array of truncated probabilities, not a float array", '''
def softmax(z):
    out = np.zeros_like(z)
    for n in range(z.shape[0]):
        e = np.exp(z[n] - z[n].max())
        out[n] = e / e.sum()
    return out
'''),
    ],
    "cross_entropy": [
        ("adds 1e-12 inside the log (wrong when the true class's probability is tiny but "
         "> 0, e.g. 1e-300: the loss should be 690.8, not 27.6)", '''
def cross_entropy(probs, y):
    n = len(y)
    return float(-np.mean(np.log(probs[np.arange(n), y] + 1e-12)))
'''),
        ("uses the largest probability of each row (the predicted class) instead of the "
         "true class's", '''
def cross_entropy(probs, y):
    return float(-np.mean(np.log(probs.max(axis=1))))
'''),
        ("takes the log of the product of the probabilities (underflows to log 0 = -inf "
         "for a large batch)", '''
def cross_entropy(probs, y):
    n = len(y)
    return float(-np.log(np.prod(probs[np.arange(n), y])) / n)
'''),
        ("clips the probabilities to [1e-7, 1 - 1e-7] like Keras (wrong for tiny true-class "
         "probabilities)", '''
def cross_entropy(probs, y):
    p = np.clip(probs, 1e-7, 1 - 1e-7)
    return float(-np.mean(np.log(p[np.arange(len(y)), y])))
'''),
    ],
    "cross_entropy_from_logits": [
        ("shifts every row by the maximum of the whole batch (a row far below the others "
         "gives log 0)", '''
def cross_entropy_from_logits(logits, y):
    z = np.asarray(logits, dtype=np.float64)
    m = z.max()
    lse = m + np.log(np.exp(z - m).sum(axis=1))
    return float(np.mean(lse - z[np.arange(len(y)), y]))
'''),
        ("shifts by the row's largest |score| (a row of large negative scores gives "
         "log 0 = -inf)", '''
def cross_entropy_from_logits(logits, y):
    z = np.asarray(logits, dtype=np.float64)
    m = np.abs(z).max(axis=1)
    lse = m + np.log(np.exp(z - m[:, None]).sum(axis=1))
    return float(np.mean(lse - z[np.arange(len(y)), y]))
'''),
        ("returns a torch tensor, not a float", '''
def cross_entropy_from_logits(logits, y):
    z = torch.as_tensor(logits, dtype=torch.float64)
    yt = torch.as_tensor(y)
    lse = torch.logsumexp(z, dim=1)
    return (lse - z[torch.arange(len(yt)), yt]).mean()
'''),
    ],
    "mse": [
        ("squeezes pred and target first: a (N, 1) prediction gets a gradient of shape "
         "(N,), and N = 1 gives shape ()", '''
def mse(pred, target):
    diff = np.squeeze(pred) - np.squeeze(target)
    return float(np.mean(diff ** 2)), 2 * diff / diff.size
'''),
        ("returns the loss as a torch tensor (from torch's mse_loss), not a float", '''
def mse(pred, target):
    p = torch.tensor(pred, dtype=torch.float64, requires_grad=True)
    loss = torch.nn.functional.mse_loss(p, torch.tensor(target, dtype=torch.float64))
    loss.backward()
    return loss.detach(), p.grad.numpy()
'''),
        ("fills the gradient into np.zeros_like(pred): integer predictions give a "
         "truncated integer gradient", '''
def mse(pred, target):
    diff = pred - target
    dpred = np.zeros_like(pred)
    dpred[...] = 2 * diff / diff.size
    return float(np.mean(diff ** 2)), dpred
'''),
    ],
    "mlp_forward": [
        ("sigmoid as exp(a) / (1 + exp(a)): nan (inf/inf) for pre-activations of +1000", '''
def mlp_forward(x, params):
    h = x
    cache = {"a": [], "h": [x]}
    for i, (W, b) in enumerate(params):
        a = h @ W + b
        with np.errstate(over="ignore", invalid="ignore"):
            h = np.exp(a) / (1 + np.exp(a)) if i < len(params) - 1 else a
        cache["a"].append(a)
        cache["h"].append(h)
    return h, cache
'''),
        ("hard-codes a network of two layers (ignores a third layer, fails for one)", '''
def mlp_forward(x, params):
    (W1, b1), (W2, b2) = params[0], params[-1]
    a1 = x @ W1 + b1
    h1 = 0.5 * (1 + np.tanh(0.5 * a1))
    a2 = h1 @ W2 + b2
    return a2, {"a": [a1, a2], "h": [x, h1, a2]}
'''),
        ("stores the last layer's input h_{L-1} in cache['a'] instead of its "
         "pre-activation a_L", '''
def mlp_forward(x, params):
    h = x
    cache = {"a": [], "h": [x]}
    for W, b in params[:-1]:
        a = h @ W + b
        h = 0.5 * (1 + np.tanh(0.5 * a))
        cache["a"].append(a)
        cache["h"].append(h)
    W, b = params[-1]
    out = h @ W + b
    cache["a"].append(h)
    cache["h"].append(out)
    return out, cache
'''),
    ],
    "two_layer_backward": [
        ("sigmoid as exp(a) / (1 + exp(a)): nan for large pre-activations", '''
def two_layer_backward(x, y, params):
    def sig(a):
        with np.errstate(over="ignore", invalid="ignore"):
            return np.exp(a) / (1 + np.exp(a))
    n = len(x)
    h1 = sig(x @ params["W1"] + params["b1"])
    yhat = sig(h1 @ params["W2"] + params["b2"])
    d2 = (yhat - y) * yhat * (1 - yhat) / n
    d1 = (d2 @ params["W2"].T) * h1 * (1 - h1)
    return {"W1": x.T @ d1, "b1": d1.sum(axis=0), "W2": h1.T @ d2, "b2": d2.sum(axis=0)}
'''),
        ("sigmoid slope as exp(-a) / (1 + exp(-a))**2: inf/inf = nan for very negative "
         "pre-activations", '''
def two_layer_backward(x, y, params):
    def sig(a):
        return 0.5 * (1 + np.tanh(0.5 * a))

    def dsig(a):
        with np.errstate(over="ignore", invalid="ignore"):
            e = np.exp(-a)
            return e / (1 + e) ** 2
    n = len(x)
    a1 = x @ params["W1"] + params["b1"]
    h1 = sig(a1)
    a2 = h1 @ params["W2"] + params["b2"]
    yhat = sig(a2)
    d2 = (yhat - y) * dsig(a2) / n
    d1 = (d2 @ params["W2"].T) * dsig(a1)
    return {"W1": x.T @ d1, "b1": d1.sum(axis=0), "W2": h1.T @ d2, "b2": d2.sum(axis=0)}
'''),
        ("bias gradients from sum(keepdims=True).squeeze(): shape () instead of (1,) when "
         "K = 1 or M = 1", '''
def two_layer_backward(x, y, params):
    sig = lambda a: 0.5 * (1 + np.tanh(0.5 * a))
    n = len(x)
    h1 = sig(x @ params["W1"] + params["b1"])
    yhat = sig(h1 @ params["W2"] + params["b2"])
    d2 = (yhat - y) * yhat * (1 - yhat) / n
    d1 = (d2 @ params["W2"].T) * h1 * (1 - h1)
    return {"W1": x.T @ d1, "b1": d1.sum(axis=0, keepdims=True).squeeze(),
            "W2": h1.T @ d2, "b2": d2.sum(axis=0, keepdims=True).squeeze()}
'''),
    ],
    "softmax_cross_entropy_grad": [
        ("shifts by the maximum of the whole batch, not each row's (a row far below the "
         "others gives 0/0)", '''
def softmax_cross_entropy_grad(logits, y):
    n = len(y)
    e = np.exp(logits - logits.max())
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(n), y] -= 1
    return p / n
'''),
        ("shifts by the row's largest |score| (a row of large negative scores gives nan)", '''
def softmax_cross_entropy_grad(logits, y):
    n = len(y)
    e = np.exp(logits - np.abs(logits).max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(n), y] -= 1
    return p / n
'''),
        ("builds the result in np.zeros_like(logits): integer scores give integer, "
         "truncated gradients", '''
def softmax_cross_entropy_grad(logits, y):
    n, k = logits.shape
    dz = np.zeros_like(logits)
    for i in range(n):
        e = np.exp(logits[i] - logits[i].max())
        p = e / e.sum()
        p[y[i]] -= 1
        dz[i] = p / n
    return dz
'''),
    ],
    "finite_differences": [
        ("central difference with half steps, (f(x + eps/2) - f(x - eps/2)) / eps "
         "(exact for a parabola, so the visible check passes)", '''
def finite_differences(f, x, eps):
    forward = (f(x + eps) - f(x)) / eps
    central = (f(x + eps / 2) - f(x - eps / 2)) / eps
    return forward, central
'''),
        ("ignores eps in the central difference (uses a fixed 1e-5)", '''
def finite_differences(f, x, eps):
    forward = (f(x + eps) - f(x)) / eps
    h = 1e-5
    central = (f(x + h) - f(x - h)) / (2 * h)
    return forward, central
'''),
    ],
    "Value": [
        ("sigmoid as 1 / (1 + exp(-a)) for every a: 0 below about -709 (the prompt asks "
         "for the two-case form, not 0 above about -745)", _value(sigmoid=_SIGMOID_NAIVE)),
        ("sigmoid's two cases swapped (1/(1+e^-a) for a < 0, e^a/(1+e^a) for a >= 0): "
         "overflows for large positive a", _value(sigmoid=_SIGMOID_SWAPPED)),
        ("sigmoid's local slope from the input, e^-a/(1+e^-a)^2: inf/inf = nan for very "
         "negative a", _value(sigmoid=_SIGMOID_SLOPE_FROM_INPUT)),
        ("tanh from (e^2a - 1)/(e^2a + 1): nan for large a", _value(tanh=_TANH_FROM_EXP)),
        ("backward() zeroes every node's grad first, so grads of a leaf used in two graphs "
         "do not add up (as in torch)", _value(backward=_BACKWARD_ZEROES)),
        ("topological order by pre-order DFS (a node before its inputs), swept forwards: "
         "a node can pass its gradient on before all of it arrived", _value(backward=_BACKWARD_PREORDER)),
    ],
    "train_softmax_regression": [
        ("hard-codes K = 10 classes instead of K = y.max() + 1", '''
def train_softmax_regression(X, y, lr, epochs, seed):
    seed_everything(seed)
    model = torch.nn.Linear(X.shape[1], 10)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    for _ in range(epochs):
        loss = loss_fn(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model
'''),
        ("counts the classes with len(torch.unique(y)), not y.max() + 1 (a class absent "
         "from y shrinks the model)", '''
def train_softmax_regression(X, y, lr, epochs, seed):
    seed_everything(seed)
    model = torch.nn.Linear(X.shape[1], len(torch.unique(y)))
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    for _ in range(epochs):
        loss = loss_fn(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model
'''),
        ("hard-codes D = 64 inputs", '''
def train_softmax_regression(X, y, lr, epochs, seed):
    seed_everything(seed)
    model = torch.nn.Linear(64, int(y.max()) + 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    for _ in range(epochs):
        loss = loss_fn(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model
'''),
        ("one step too many (range(epochs + 1))", '''
def train_softmax_regression(X, y, lr, epochs, seed):
    seed_everything(seed)
    model = torch.nn.Linear(X.shape[1], int(y.max()) + 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    for _ in range(epochs + 1):
        loss = loss_fn(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model
'''),
        ("ignores lr (always 0.5, the value of the visible check)", '''
def train_softmax_regression(X, y, lr, epochs, seed):
    seed_everything(seed)
    model = torch.nn.Linear(X.shape[1], int(y.max()) + 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    loss_fn = torch.nn.CrossEntropyLoss()
    for _ in range(epochs):
        loss = loss_fn(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model
'''),
    ],
}

RIGHT = {
    "softmax": [("loop over rows into a float64 array, max by indexing", '''
def softmax(z):
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)
    for n in range(z.shape[0]):
        e = np.exp(z[n] - z[n].max())
        out[n] = e / e.sum()
    return out
''')],
    "cross_entropy": [("one-hot with np.where (never multiplies 0 by -inf)", '''
def cross_entropy(probs, y):
    n, k = probs.shape
    t = np.eye(k, dtype=bool)[y]
    with np.errstate(divide="ignore"):
        logs = np.where(t, np.log(np.where(t, probs, 1.0)), 0.0)
    return float(-logs.sum() / n)
''')],
    "cross_entropy_from_logits": [("np.logaddexp.reduce along each row", '''
def cross_entropy_from_logits(logits, y):
    z = np.asarray(logits, dtype=np.float64)
    lse = np.logaddexp.reduce(z, axis=1)
    return float(np.mean(lse - z[np.arange(z.shape[0]), y]))
''')],
    "mse": [("torch autograd in float64", '''
def mse(pred, target):
    p = torch.tensor(np.asarray(pred, dtype=np.float64), requires_grad=True)
    loss = torch.nn.functional.mse_loss(p, torch.tensor(np.asarray(target, dtype=np.float64)))
    loss.backward()
    return loss.item(), p.grad.numpy()
''')],
    "mlp_forward": [("two-case sigmoid with np.where on safe arguments", '''
def mlp_forward(x, params):
    def sigmoid(a):
        e = np.exp(-np.abs(a))
        return np.where(a >= 0, 1 / (1 + e), e / (1 + e))
    hs, As = [x], []
    for i, (W, b) in enumerate(params):
        a = hs[-1] @ W + b
        As.append(a)
        hs.append(sigmoid(a) if i + 1 < len(params) else a)
    return hs[-1], {"a": As, "h": hs}
''')],
    "two_layer_backward": [("torch.autograd on float64 tensors", '''
def two_layer_backward(x, y, params):
    t = {k: torch.tensor(np.asarray(v, dtype=np.float64), requires_grad=True)
         for k, v in params.items()}
    xt = torch.tensor(np.asarray(x, dtype=np.float64))
    yt = torch.tensor(np.asarray(y, dtype=np.float64))
    yhat = torch.sigmoid(torch.sigmoid(xt @ t["W1"] + t["b1"]) @ t["W2"] + t["b2"])
    loss = 0.5 * ((yhat - yt) ** 2).sum() / len(x)
    loss.backward()
    return {k: t[k].grad.numpy() for k in ["W1", "b1", "W2", "b2"]}
''')],
    "softmax_cross_entropy_grad": [("one-hot matrix, float64, row max via keepdims", '''
def softmax_cross_entropy_grad(logits, y):
    z = np.asarray(logits, dtype=np.float64)
    n, k = z.shape
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    t = np.eye(k)[y]
    return (p - t) / n
''')],
    "finite_differences": [("one evaluation per shifted array, central as the mean of "
                            "forward and backward differences", '''
def finite_differences(f, x, eps):
    x = np.asarray(x, dtype=np.float64)
    f0, fp, fm = f(x), f(x + eps), f(x - eps)
    forward = (fp - f0) / eps
    central = (fp - fm) / (2 * eps)
    return np.asarray(forward), np.asarray(central)
'''),
        # phase 2: moved here from WRONG; the prompt promises no integer x, and only integer
        # points are truncated
        ("a loop filling np.zeros_like(x)", '''
def finite_differences(f, x, eps):
    forward, central = np.zeros_like(x), np.zeros_like(x)
    for i in range(len(x)):
        forward[i] = (f(x[i] + eps) - f(x[i])) / eps
        central[i] = (f(x[i] + eps) - f(x[i] - eps)) / (2 * eps)
    return forward, central
''')],
    "Value": [("iterative DFS for the order; sigmoid via log1p for a < 0",
               _value(sigmoid=_SIGMOID_TANH_LOW, backward=_BACKWARD_ITERATIVE))],
    "train_softmax_regression": [("a while loop over the steps, K from y.max().item()", '''
def train_softmax_regression(X, y, lr, epochs, seed):
    seed_everything(seed)
    d, k = X.shape[1], int(y.max().item()) + 1
    model = torch.nn.Linear(d, k)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    step = 0
    while step < epochs:
        logits = model(X)
        loss = loss_fn(logits, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
    return model
''')],
}
