"""Blind candidates for week03 (backprop), written from the student release only."""

# ----------------------------------------------------------------------------- Value base
_VALUE = '''
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

    def tanh(self):
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad += (1 - out.data ** 2) * out.grad
        out._backward = _backward
        return out

    def sigmoid(self):
        a = self.data
        if a >= 0:
            s = 1 / (1 + math.exp(-a))
        else:
            s = math.exp(a) / (1 + math.exp(a))
        out = Value(s, (self,), "sigmoid")

        def _backward():
            self.grad += out.data * (1 - out.data) * out.grad
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
        return self + (-other)

    def __truediv__(self, other):
        return self * other ** -1

    def __radd__(self, other):
        return self + other

    def __rsub__(self, other):
        return (-self) + other

    def __rmul__(self, other):
        return self * other

    def __rtruediv__(self, other):
        return other * self ** -1

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
        for v in reversed(topo):
            v._backward()
'''


def _variant(old: str, new: str) -> str:
    assert _VALUE.count(old) == 1, old
    return _VALUE.replace(old, new)


_VALUE_EXP_ASSIGN = _variant(
    "            self.grad += out.data * out.grad\n",
    "            self.grad = out.data * out.grad\n")

_VALUE_ONE_SIGMOID = _variant(
    '''        if a >= 0:
            s = 1 / (1 + math.exp(-a))
        else:
            s = math.exp(a) / (1 + math.exp(a))
''', '''        s = 1 / (1 + np.exp(-a))
''')

_VALUE_MICROGRAD_TANH = _variant(
    "        t = math.tanh(self.data)\n",
    "        x = self.data\n        t = (math.exp(2 * x) - 1) / (math.exp(2 * x) + 1)\n")

_VALUE_BFS = _variant('''        topo, visited = [], set()

        def build(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build(child)
                topo.append(v)
        build(self)
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()
''', '''        # breadth-first from the output: each node once
        self.grad = 1.0
        queue, seen = [self], {self}
        while queue:
            v = queue.pop(0)
            v._backward()
            for child in v._prev:
                if child not in seen:
                    seen.add(child)
                    queue.append(child)
''')

# a second correct style: an explicit stack for the topological order, ops as np functions,
# subtraction and division written with their own local derivatives
_VALUE_RIGHT = '''
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
'''

WRONG = {
    "softmax": [
        ("subtracts the maximum of the whole batch, not each row's own maximum", '''
def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum(axis=1, keepdims=True)
'''),
        ("shifts each row by its mean instead of its maximum (overflows for a row like "
         "[1000, -1000, -1000])", '''
def softmax(z):
    e = np.exp(z - z.mean(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
'''),
        ("uses torch.softmax and returns a torch tensor (the prompt: numpy only, a float "
         "array)", '''
def softmax(z):
    return torch.softmax(torch.as_tensor(z), dim=1)
'''),
    ],
    "cross_entropy": [
        ("clips the probabilities to [1e-7, 1 - 1e-7] (Keras habit): wrong for a tiny true "
         "probability and for p = 1", '''
def cross_entropy(probs, y):
    p = np.clip(probs[np.arange(len(y)), y], 1e-7, 1 - 1e-7)
    return float(-np.mean(np.log(p)))
'''),
        ("log of the product of the probabilities (underflows to 0 for a large batch)", '''
def cross_entropy(probs, y):
    picked = probs[np.arange(len(y)), y]
    return float(-np.log(np.prod(picked)) / len(y))
'''),
        ("returns a torch tensor, not a Python float", '''
def cross_entropy(probs, y):
    p = torch.as_tensor(probs)[torch.arange(len(y)), torch.as_tensor(y)]
    return -torch.log(p).mean()
'''),
    ],
    "cross_entropy_from_logits": [
        ("subtracts the maximum of the whole batch, not each row's own maximum", '''
def cross_entropy_from_logits(logits, y):
    m = np.max(logits)
    lse = m + np.log(np.sum(np.exp(logits - m), axis=1))
    return float(np.mean(lse - logits[np.arange(len(y)), y]))
'''),
        ("shifts each row by its mean instead of its maximum", '''
def cross_entropy_from_logits(logits, y):
    m = logits.mean(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.sum(np.exp(logits - m), axis=1))
    return float(np.mean(lse - logits[np.arange(len(y)), y]))
'''),
        ("shifts each row by its largest absolute score (overflows to log(0) for an all-"
         "negative row)", '''
def cross_entropy_from_logits(logits, y):
    m = np.max(np.abs(logits), axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.sum(np.exp(logits - m), axis=1))
    return float(np.mean(lse - logits[np.arange(len(y)), y]))
'''),
    ],
    "mse": [
        ("squeezes pred and target, so a (N, 1) pred gets a (N,) gradient", '''
def mse(pred, target):
    pred, target = np.squeeze(pred), np.squeeze(target)
    diff = pred - target
    return float(np.mean(diff ** 2)), 2 * diff / diff.size
'''),
        ("divides the gradient by N = len(pred), not by all M entries", '''
def mse(pred, target):
    diff = pred - target
    return float(np.mean(diff ** 2)), 2 * diff / len(pred)
'''),
        ("reshapes to (N, -1), so a (N,) pred gets a (N, 1) gradient", '''
def mse(pred, target):
    p = pred.reshape(len(pred), -1)
    t = target.reshape(len(target), -1)
    diff = p - t
    M = diff.shape[0] * diff.shape[1]
    return float(np.sum(diff ** 2) / M), 2 * diff / M
'''),
    ],
    "mlp_forward": [
        ("hard-codes a network of exactly two layers", '''
def mlp_forward(x, params):
    (W1, b1), (W2, b2) = params
    a1 = x @ W1 + b1
    h1 = 0.5 * (1 + np.tanh(0.5 * a1))
    a2 = h1 @ W2 + b2
    return a2, {"a": [a1, a2], "h": [x, h1, a2]}
'''),
        ("applies the sigmoid after the first layer only (if i == 0), not after every hidden "
         "layer", '''
def mlp_forward(x, params):
    h = x
    cache = {"a": [], "h": [x]}
    for i, (W, b) in enumerate(params):
        a = h @ W + b
        h = 0.5 * (1 + np.tanh(0.5 * a)) if i == 0 and len(params) > 1 else a
        cache["a"].append(a)
        cache["h"].append(h)
    return h, cache
'''),
        ("sigmoid as exp(a) / (1 + exp(a)): nan for large positive pre-activations", '''
def mlp_forward(x, params):
    h = x
    cache = {"a": [], "h": [x]}
    for i, (W, b) in enumerate(params):
        a = h @ W + b
        h = np.exp(a) / (1 + np.exp(a)) if i < len(params) - 1 else a
        cache["a"].append(a)
        cache["h"].append(h)
    return h, cache
'''),
    ],
    "two_layer_backward": [
        ("sigmoid as exp(a) / (1 + exp(a)): nan gradients for large positive "
         "pre-activations", '''
def two_layer_backward(x, y, params):
    sig = lambda a: np.exp(a) / (1 + np.exp(a))
    N = len(x)
    h1 = sig(x @ params["W1"] + params["b1"])
    yhat = sig(h1 @ params["W2"] + params["b2"])
    d2 = (yhat - y) * yhat * (1 - yhat) / N
    d1 = (d2 @ params["W2"].T) * h1 * (1 - h1)
    return {"W1": x.T @ d1, "b1": d1.sum(axis=0), "W2": h1.T @ d2, "b2": d2.sum(axis=0)}
'''),
        ("squeezes the bias gradients: a 0-d array instead of shape (1,) when K = 1 or "
         "M = 1", '''
def two_layer_backward(x, y, params):
    N = len(x)
    h1 = 0.5 * (1 + np.tanh(0.5 * (x @ params["W1"] + params["b1"])))
    yhat = 0.5 * (1 + np.tanh(0.5 * (h1 @ params["W2"] + params["b2"])))
    d2 = (yhat - y) * yhat * (1 - yhat) / N
    d1 = (d2 @ params["W2"].T) * h1 * (1 - h1)
    return {"W1": x.T @ d1, "b1": np.squeeze(d1.sum(axis=0)),
            "W2": h1.T @ d2, "b2": np.squeeze(d2.sum(axis=0))}
'''),
        ("uses the tanh slope 1 - h**2 for the hidden sigmoid", '''
def two_layer_backward(x, y, params):
    N = len(x)
    h1 = 0.5 * (1 + np.tanh(0.5 * (x @ params["W1"] + params["b1"])))
    yhat = 0.5 * (1 + np.tanh(0.5 * (h1 @ params["W2"] + params["b2"])))
    d2 = (yhat - y) * yhat * (1 - yhat) / N
    d1 = (d2 @ params["W2"].T) * (1 - h1 ** 2)
    return {"W1": x.T @ d1, "b1": d1.sum(axis=0), "W2": h1.T @ d2, "b2": d2.sum(axis=0)}
'''),
    ],
    "softmax_cross_entropy_grad": [
        ("subtracts the maximum of the whole batch, not each row's own maximum", '''
def softmax_cross_entropy_grad(logits, y):
    e = np.exp(logits - logits.max())
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1
    return p / len(y)
'''),
        ("calls softmax although the prompt says each exercise is graded on its own code", '''
def softmax_cross_entropy_grad(logits, y):
    p = softmax(logits).copy()
    p[np.arange(len(y)), y] -= 1
    return p / len(y)
'''),
        ("fills np.zeros_like(logits): an integer array (truncated) for integer scores", '''
def softmax_cross_entropy_grad(logits, y):
    N, K = logits.shape
    dz = np.zeros_like(logits)
    for n in range(N):
        e = np.exp(logits[n] - logits[n].max())
        dz[n] = e / e.sum()
        dz[n, y[n]] -= 1
    return dz / N
'''),
    ],
    "finite_differences": [
        ("central difference with half steps, (f(x + eps/2) - f(x - eps/2)) / eps", '''
def finite_differences(f, x, eps):
    forward = (f(x + eps) - f(x)) / eps
    central = (f(x + eps / 2) - f(x - eps / 2)) / eps
    return forward, central
'''),
        ("returns Python lists, not arrays", '''
def finite_differences(f, x, eps):
    forward = [(f(xi + eps) - f(xi)) / eps for xi in x]
    central = [(f(xi + eps) - f(xi - eps)) / (2 * eps) for xi in x]
    return forward, central
'''),
    ],
    "Value": [
        ("exp's _backward assigns (=) instead of adding (+=)", _VALUE_EXP_ASSIGN),
        ("sigmoid with the one formula 1 / (1 + exp(-a)): 0 for a < -709", _VALUE_ONE_SIGMOID),
        ("tanh from exponentials (exp(2x) - 1) / (exp(2x) + 1): overflows for x > 355",
         _VALUE_MICROGRAD_TANH),
        ("backward in breadth-first order, not reverse topological order", _VALUE_BFS),
    ],
    "train_softmax_regression": [
        ("applies the softmax before CrossEntropyLoss (it takes logits)", '''
def train_softmax_regression(X, y, lr, epochs, seed):
    seed_everything(seed)
    model = torch.nn.Linear(X.shape[1], int(y.max()) + 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    for _ in range(epochs):
        loss = loss_fn(torch.softmax(model(X), dim=1), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model
'''),
        ("never calls zero_grad: the gradients pile up", '''
def train_softmax_regression(X, y, lr, epochs, seed):
    seed_everything(seed)
    model = torch.nn.Linear(X.shape[1], int(y.max()) + 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    for _ in range(epochs):
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
    return model
'''),
        ("takes epochs - 1 steps (range(1, epochs))", '''
def train_softmax_regression(X, y, lr, epochs, seed):
    seed_everything(seed)
    model = torch.nn.Linear(X.shape[1], int(y.max()) + 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    for epoch in range(1, epochs):
        loss = loss_fn(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model
'''),
        ("hard-codes torch.nn.Linear(64, 10) instead of (D, K) from the data", '''
def train_softmax_regression(X, y, lr, epochs, seed):
    seed_everything(seed)
    model = torch.nn.Linear(64, 10)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    for _ in range(epochs):
        loss = loss_fn(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model
'''),
        ("K = number of distinct labels, not y.max() + 1", '''
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
    ],
}

RIGHT = {
    "softmax": [("row by row with the log-sum-exp", '''
def softmax(z):
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)
    for n in range(z.shape[0]):
        shifted = z[n] - np.max(z[n])
        out[n] = np.exp(shifted - np.log(np.sum(np.exp(shifted))))
    return out
''')],
    "cross_entropy": [("a Python loop with math.log", '''
import math


def cross_entropy(probs, y):
    total = 0.0
    for n in range(len(y)):
        total -= math.log(probs[n, int(y[n])])
    return total / len(y)
''')],
    "cross_entropy_from_logits": [("np.logaddexp.reduce along the rows", '''
def cross_entropy_from_logits(logits, y):
    lse = np.logaddexp.reduce(logits, axis=1)
    return float(np.mean(lse - logits[np.arange(len(y)), y]))
''')],
    "mse": [("one difference array, M from its size", '''
def mse(pred, target):
    d = np.asarray(pred, dtype=float) - np.asarray(target, dtype=float)
    M = d.size
    return float(np.sum(d * d) / M), (2.0 / M) * d
''')],
    "mlp_forward": [("recursion over the layers, 1/(1 + exp(-a)) under errstate", '''
def _sig(a):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-a))


def mlp_forward(x, params):
    a_list, h_list = [], [x]
    for layer, (W, b) in enumerate(params, start=1):
        a = np.dot(h_list[-1], W) + b
        a_list.append(a)
        h_list.append(a if layer == len(params) else _sig(a))
    return h_list[-1], {"a": a_list, "h": h_list}
''')],
    "two_layer_backward": [("einsum, with mlp_forward-free forward pass", '''
def two_layer_backward(x, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = x.shape[0]
    h1 = 0.5 * (1.0 + np.tanh(0.5 * (np.einsum("nd,dm->nm", x, W1) + b1)))
    yhat = 0.5 * (1.0 + np.tanh(0.5 * (np.einsum("nm,mk->nk", h1, W2) + b2)))
    delta2 = (yhat - y) * yhat * (1.0 - yhat) / N
    delta1 = np.einsum("nk,mk->nm", delta2, W2) * h1 * (1.0 - h1)
    return {"W1": np.einsum("nd,nm->dm", x, delta1), "b1": np.einsum("nm->m", delta1),
            "W2": np.einsum("nm,nk->mk", h1, delta2), "b2": np.einsum("nk->k", delta2)}
''')],
    "softmax_cross_entropy_grad": [("probabilities from the log-sum-exp, one-hot by np.eye", '''
def softmax_cross_entropy_grad(logits, y):
    z = np.asarray(logits, dtype=np.float64)
    N, K = z.shape
    m = z.max(axis=1, keepdims=True)
    log_p = z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))
    return (np.exp(log_p) - np.eye(K)[y]) / N
''')],
    "finite_differences": [
        # phase 2: moved from WRONG (the prompt does not forbid changing x)
        ("shifts x in place (x += eps) to evaluate f: changes the caller's array, fails for "
         "integer x", '''
def finite_differences(f, x, eps):
    fx = f(x)
    x += eps
    fp = f(x)
    x -= 2 * eps
    fm = f(x)
    x += eps
    return (fp - fx) / eps, (fp - fm) / (2 * eps)
'''),
        ("a loop over the points, arrays at the end", '''
def finite_differences(f, x, eps):
    forward = np.empty(len(x))
    central = np.empty(len(x))
    for i in range(len(x)):
        xi = x[i:i + 1]
        forward[i] = ((f(xi + eps) - f(xi)) / eps)[0]
        central[i] = ((f(xi + eps) - f(xi - eps)) / (2 * eps))[0]
    return forward, central
''')],
    "Value": [("explicit stack for the order; own derivatives for - and /", _VALUE_RIGHT)],
    "train_softmax_regression": [("while loop, zero_grad before the inference", '''
def train_softmax_regression(X, y, lr, epochs, seed):
    seed_everything(seed)
    D, K = X.shape[1], int(y.max().item()) + 1
    model = torch.nn.Linear(D, K)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    criterion = torch.nn.CrossEntropyLoss()
    step = 0
    while step < epochs:
        optimizer.zero_grad()
        logits = model(X)
        criterion(logits, y).backward()
        optimizer.step()
        step += 1
    return model
''')],
}
