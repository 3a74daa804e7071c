"""Week03's reference solutions against independent answers: torch.autograd and central
differences.

- The scalar autograd engine `Value` agrees with torch.autograd on randomly generated
  expressions built from +, -, *, /, powers, exp, log, tanh, sigmoid and ReLU, with numbers on
  either side of an operator and nodes reused several times (values and every leaf's gradient).
- The hand-written gradients (two-layer sigmoid network, softmax + cross-entropy, MSE) agree
  with torch.autograd and with central differences.
- Softmax and the cross-entropy stay finite, and agree with torch, for logits of +-1000.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.references import week03 as ref
from dlcourse.gradcheck import check_gradient, gradient_check_params, relative_error

FAST = settings(max_examples=40, deadline=None)
MANY = settings(max_examples=200, deadline=None)  # the engine is cheap: explore more

# --------------------------------------------------------------------- random expressions
UNARY = ["exp", "log", "tanh", "sigmoid", "relu", "neg", "pow"]
BINARY = ["add", "sub", "mul", "div"]
WITH_NUMBER = ["radd", "rsub", "rmul", "rdiv", "add_number", "sub_number", "mul_number",
               "div_number"]
EXPONENTS = [2, 3, -1, 0.5, -0.5, 1.5, -2]
SAFE = "tanh"  # always defined and bounded: replaces an operation whose input is out of range

bounded = st.floats(min_value=-2.0, max_value=2.0, allow_nan=False, allow_infinity=False)


@st.composite
def programs(draw):
    """Leaf values and a list of steps; each step names an operation and which earlier nodes
    (leaves or results, so nodes get reused) it reads. Indices are taken modulo the number of
    nodes available at that step."""
    leaves = draw(st.lists(bounded, min_size=1, max_size=4))
    steps = draw(st.lists(
        st.tuples(st.sampled_from(UNARY + BINARY + WITH_NUMBER), st.integers(0, 1000),
                  st.integers(0, 1000), st.sampled_from(EXPONENTS),
                  st.floats(min_value=0.5, max_value=3.0)),
        min_size=1, max_size=15))
    return leaves, steps


def _resolve(op: str, a: float, b: float, k: float, c: float) -> str:
    """The operation actually applied: `op`, or SAFE where `op` is undefined or explosive at
    the operands' values (log of x <= 0.2, division by |x| < 0.2, fractional or negative
    powers of small or negative x, exp of x > 5, ReLU at its kink)."""
    if op == "log" and a <= 0.2:
        return SAFE
    if op in ("div", "rdiv") and abs(b if op == "div" else a) < 0.2:
        return SAFE
    if op == "pow" and (abs(a) < 0.2 or (k != int(k) and a <= 0.2)):
        return SAFE
    if op == "exp" and a > 5:
        return SAFE
    if op == "relu" and abs(a) < 1e-6:
        return SAFE
    return op


def _apply(op: str, a, b, k: float, c: float, lib):
    """One operation on Values (lib=None) or torch tensors (lib=torch), written the same way
    except for the elementwise functions."""
    if op in ("exp", "log", "tanh", "sigmoid", "relu"):
        return getattr(a, op)() if lib is None else getattr(torch, op)(a)
    table = {
        "neg": lambda: -a, "pow": lambda: a ** k,
        "add": lambda: a + b, "sub": lambda: a - b, "mul": lambda: a * b, "div": lambda: a / b,
        "radd": lambda: c + a, "rsub": lambda: c - a, "rmul": lambda: c * a,
        "rdiv": lambda: c / a, "add_number": lambda: a + c, "sub_number": lambda: a - c,
        "mul_number": lambda: a * c, "div_number": lambda: a / c,
    }
    return table[op]()


def _data(node) -> float:
    return node.data if isinstance(node, ref.Value) else float(node.detach())


def _build(program, lib, plan=None):
    """Evaluate the program with Values (lib=None) or float64 tensors (lib=torch).

    The Value run decides the plan (the resolved operation of each step, from the values it
    computes); the torch run replays that plan, so that both build the same graph.
    Returns (leaves, output, plan)."""
    values, steps = program
    if lib is None:
        leaves = [ref.Value(v) for v in values]
    else:
        leaves = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in values]
    nodes = list(leaves)
    resolved = []
    for s, (op, i, j, k, c) in enumerate(steps):
        a, b = nodes[i % len(nodes)], nodes[j % len(nodes)]
        if plan is None:
            chosen = _resolve(op, _data(a), _data(b), k, c)
            result = _apply(chosen, a, b, k, c, lib)
            if abs(_data(result)) > 1e3:  # keep every intermediate value moderate
                chosen = SAFE
                result = _apply(chosen, a, b, k, c, lib)
            resolved.append(chosen)
        else:
            result = _apply(plan[s], a, b, k, c, lib)
        nodes.append(result)
    # the output uses every computed node, so that nodes feed several users
    out = nodes[len(leaves)]
    for node in nodes[len(leaves) + 1:]:
        out = out + node
    return leaves, out, resolved if plan is None else plan


@MANY
@given(programs())
def test_value_engine_agrees_with_torch_autograd(program):
    leaves, out, plan = _build(program, None)
    out.backward()
    t_leaves, t_out, _ = _build(program, torch, plan)
    t_out.backward()
    assert out.data == pytest.approx(t_out.item(), rel=1e-9, abs=1e-9), plan
    for n, (v, t) in enumerate(zip(leaves, t_leaves, strict=True)):
        expected = 0.0 if t.grad is None else t.grad.item()
        assert v.grad == pytest.approx(expected, rel=1e-7, abs=1e-9), (
            f"leaf {n}: Value grad {v.grad}, torch grad {expected}; plan {plan}")


@FAST
@given(bounded, bounded)
def test_value_reused_node_accumulates(x, y):
    xv, yv = ref.Value(x), ref.Value(y)
    f = xv * xv * xv + xv * yv + yv * yv  # x appears 4 times, y 3 times
    f.backward()
    assert xv.grad == pytest.approx(3 * x * x + y, abs=1e-12)
    assert yv.grad == pytest.approx(x + 2 * y, abs=1e-12)


def test_value_relu_gradient_at_zero_is_zero_like_torch():
    v = ref.Value(0.0)
    v.relu().backward()
    t = torch.tensor(0.0, requires_grad=True)
    torch.relu(t).backward()
    assert v.grad == t.grad.item() == 0.0


# -------------------------------------------------------------------- hand-written gradients
shapes = st.tuples(st.integers(1, 6), st.integers(1, 4), st.integers(1, 5), st.integers(1, 3))


@pytest.mark.parametrize("a", [-40.0, -100.0, -700.0, -1.0, 0.0, 3.0, 40.0])
def test_value_log_sigmoid_is_finite_in_the_tail_like_torch(a):
    v = ref.Value(a)
    out = v.sigmoid().log()
    out.backward()
    t = torch.tensor(a, dtype=torch.float64, requires_grad=True)
    expected = torch.nn.functional.logsigmoid(t)
    expected.backward()
    assert np.isfinite(out.data)
    assert out.data == pytest.approx(expected.item(), rel=1e-12, abs=1e-15)
    assert v.grad == pytest.approx(t.grad.item(), rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("number", [1.0, 3.0, -2.5, 0.5])
def test_value_reverse_division_by_any_number_like_torch(number):
    v = ref.Value(1.7)
    out = number / v
    out.backward()
    t = torch.tensor(1.7, dtype=torch.float64, requires_grad=True)
    (number / t).backward()
    assert out.data == pytest.approx(number / 1.7)
    assert v.grad == pytest.approx(t.grad.item())


def test_value_comparisons_compare_data_and_build_no_node():
    a, b = ref.Value(1.0), ref.Value(2.0)
    assert a < b and b > a and a <= 1.0 and b >= 2 and not (a > b) and 3 > a
    assert (a < b) is True
    assert a != ref.Value(1.0)  # == is identity: two nodes holding 1.0 are two nodes


@FAST
@given(shapes, st.integers(0, 2**31 - 1))
def test_two_layer_backward_agrees_with_torch_and_central_differences(shape, seed):
    n, d, h, k = shape
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d))
    y = rng.integers(0, 2, size=(n, k)).astype(float)
    params = {"W1": rng.normal(size=(d, h)), "b1": rng.normal(size=h),
              "W2": rng.normal(size=(h, k)), "b2": rng.normal(size=k)}
    grads = ref.two_layer_backward(x, y, params)

    t = {name: torch.tensor(value, requires_grad=True) for name, value in params.items()}
    yhat = torch.sigmoid(torch.sigmoid(torch.tensor(x) @ t["W1"] + t["b1"]) @ t["W2"] + t["b2"])
    (0.5 * ((yhat - torch.tensor(y)) ** 2).sum() / n).backward()
    for name in params:
        np.testing.assert_allclose(grads[name], t[name].grad.numpy(), rtol=1e-9, atol=1e-12,
                                   err_msg=f"gradient of {name} vs torch.autograd")

    def loss(p):
        h1 = 1 / (1 + np.exp(-(x @ p["W1"] + p["b1"])))
        out = 1 / (1 + np.exp(-(h1 @ p["W2"] + p["b2"])))
        return 0.5 * np.sum((out - y) ** 2) / n

    gradient_check_params(loss, params, grads, tol=1e-6)


@FAST
@given(st.integers(1, 6), st.integers(2, 6), st.integers(0, 2**31 - 1),
       st.sampled_from([1.0, 10.0]))
def test_softmax_cross_entropy_grad_agrees_with_torch_and_central_differences(n, k, seed,
                                                                             scale):
    rng = np.random.default_rng(seed)
    z = scale * rng.normal(size=(n, k))
    y = rng.integers(0, k, size=n)
    zt = torch.tensor(z, requires_grad=True)
    loss_t = torch.nn.functional.cross_entropy(zt, torch.tensor(y))
    loss_t.backward()
    assert ref.cross_entropy_from_logits(z, y) == pytest.approx(loss_t.item(), rel=1e-12,
                                                                abs=1e-12)
    grad = ref.softmax_cross_entropy_grad(z, y)
    np.testing.assert_allclose(grad, zt.grad.numpy(), rtol=1e-9, atol=1e-12)
    check_gradient(lambda zz: ref.cross_entropy_from_logits(zz, y), z.copy(), grad, tol=1e-6,
                   name="logits")
    # the probabilities route agrees where no probability underflows
    assert ref.cross_entropy(ref.softmax(z), y) == pytest.approx(loss_t.item(), rel=1e-9)


@FAST
@given(st.sampled_from([(5,), (4, 1), (3, 4)]), st.integers(0, 2**31 - 1))
def test_mse_agrees_with_torch_and_central_differences(shape, seed):
    rng = np.random.default_rng(seed)
    pred, target = rng.normal(size=shape), rng.normal(size=shape)
    loss, dpred = ref.mse(pred, target)
    pt = torch.tensor(pred, requires_grad=True)
    loss_t = torch.nn.functional.mse_loss(pt, torch.tensor(target))
    loss_t.backward()
    assert loss == pytest.approx(loss_t.item(), rel=1e-12)
    np.testing.assert_allclose(dpred, pt.grad.numpy(), rtol=1e-12, atol=1e-15)
    numerical = check_gradient(lambda p: ref.mse(p, target)[0], pred.copy(), dpred, tol=1e-7)
    assert numerical <= 1e-7


@FAST
@given(st.integers(1, 5), st.integers(2, 5), st.integers(0, 2**31 - 1))
def test_mlp_forward_agrees_with_torch(n, hidden, seed):
    rng = np.random.default_rng(seed)
    sizes = (3, hidden, hidden + 1, 2)
    x = rng.normal(size=(n, 3))
    params = [(rng.normal(size=(a, b)), rng.normal(size=b)) for a, b in zip(sizes, sizes[1:])]
    out, cache = ref.mlp_forward(x, params)
    layers = []
    for W, b in params:
        lin = torch.nn.Linear(*W.shape).double()
        with torch.no_grad():
            lin.weight.copy_(torch.tensor(W.T))
            lin.bias.copy_(torch.tensor(b))
        layers += [lin, torch.nn.Sigmoid()]
    net = torch.nn.Sequential(*layers[:-1])  # no sigmoid after the last layer
    with torch.no_grad():
        np.testing.assert_allclose(out, net(torch.tensor(x)).numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(cache["h"][1], net[:2](torch.tensor(x)).numpy(), rtol=1e-10)
    assert len(cache["a"]) == 3 and len(cache["h"]) == 4


# ------------------------------------------------------------------------------ extremes
@FAST
@given(st.integers(1, 5), st.integers(2, 6), st.integers(0, 2**31 - 1))
def test_softmax_and_cross_entropy_finite_for_logits_of_1000(n, k, seed):
    rng = np.random.default_rng(seed)
    z = rng.choice([-1000.0, 1000.0], size=(n, k)) + rng.normal(size=(n, k))
    y = rng.integers(0, k, size=n)
    p = ref.softmax(z)
    assert np.all(np.isfinite(p))
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(p, torch.softmax(torch.tensor(z), dim=1).numpy(), atol=1e-12)
    loss = ref.cross_entropy_from_logits(z, y)
    expected = torch.nn.functional.cross_entropy(torch.tensor(z), torch.tensor(y)).item()
    assert np.isfinite(loss) and loss == pytest.approx(expected, rel=1e-12)
    grad = ref.softmax_cross_entropy_grad(z, y)
    assert np.all(np.isfinite(grad))
    # from probabilities: finite whenever the labelled class is the most likely one
    assert np.isfinite(ref.cross_entropy(p, p.argmax(axis=1)))


def test_numerical_gradient_of_sin_converges_like_eps_squared():
    x = np.array([1.0])
    errors = [abs(ref.finite_differences(np.sin, x, eps)[1][0] - np.cos(1.0))
              for eps in (1e-1, 1e-2)]
    assert errors[1] == pytest.approx(errors[0] / 100, rel=0.01)  # O(eps**2)
    assert relative_error(ref.finite_differences(np.sin, x, 1e-5)[1], np.cos(x)) < 1e-10
