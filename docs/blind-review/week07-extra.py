WRONG = {
    "conv2d_backward": [
        ("drops the padding with [P:P + H, P:P + H] (H for the width too): wrong for W != H", '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Hp, Wp = dout.shape[2], dout.shape[3]
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dxpad = np.zeros_like(xpad)
    dw = np.zeros_like(w)
    for p in range(F):
        for q in range(F):
            xs = xpad[:, :, p:p + S * Hp:S, q:q + S * Wp:S]
            dw[:, :, p, q] = np.einsum("nkhw,nchw->kc", dout, xs)
            dxpad[:, :, p:p + S * Hp:S, q:q + S * Wp:S] += np.einsum("nkhw,kc->nchw", dout, w[:, :, p, q])
    db = dout.sum(axis=(0, 2, 3))
    return dxpad[:, :, P:P + H, P:P + H], dw, db
'''),
        ("strided slice for dx uses H' for the width too ([q : q + S*H' : S]): wrong for W' != H'", '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Hp, Wp = dout.shape[2], dout.shape[3]
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dxpad = np.zeros_like(xpad)
    dw = np.zeros_like(w)
    for p in range(F):
        for q in range(F):
            xs = xpad[:, :, p:p + S * Hp:S, q:q + S * Wp:S]
            dw[:, :, p, q] = np.einsum("nkhw,nchw->kc", dout, xs)
            contrib = np.einsum("nkhw,kc->nchw", dout, w[:, :, p, q])
            dxpad[:, :, p:p + S * Hp:S, q:q + S * Hp:S] += contrib[:, :, :, :Hp]
    db = dout.sum(axis=(0, 2, 3))
    return dxpad[:, :, P:P + H, P:P + W], dw, db
'''),
        ("loops j over range(H') for dw (H' for the width): dw wrong for W' != H'", '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Hp, Wp = dout.shape[2], dout.shape[3]
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dxpad = np.zeros_like(xpad)
    dw = np.zeros_like(w)
    for i in range(Hp):
        for j in range(Wp):
            win = xpad[:, :, i * S:i * S + F, j * S:j * S + F]
            dxpad[:, :, i * S:i * S + F, j * S:j * S + F] += np.einsum("nk,kcpq->ncpq", dout[:, :, i, j], w)
    for i in range(Hp):
        for j in range(min(Hp, Wp)):
            win = xpad[:, :, i * S:i * S + F, j * S:j * S + F]
            dw += np.einsum("nk,ncpq->kcpq", dout[:, :, i, j], win)
    db = dout.sum(axis=(0, 2, 3))
    return dxpad[:, :, P:P + H, P:P + W], dw, db
'''),
    ],
    "avg_pool_backward": [
        ("np.zeros_like(x): an integer x gives an integer dx (the prompt: a float array)", '''
def avg_pool_backward(dout, cache):
    x, F, S = cache
    dx = np.zeros_like(x)
    Hp, Wp = dout.shape[2], dout.shape[3]
    for i in range(Hp):
        for j in range(Wp):
            dx[:, :, i * S:i * S + F, j * S:j * S + F] = (
                dx[:, :, i * S:i * S + F, j * S:j * S + F] + dout[:, :, i, j, None, None] / (F * F))
    return dx
'''),
        ("divides dout in place: modifies the caller's dout", '''
def avg_pool_backward(dout, cache):
    x, F, S = cache
    dx = np.zeros(x.shape)
    dout /= F * F
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            dx[:, :, i * S:i * S + F, j * S:j * S + F] += dout[:, :, i, j, None, None]
    return dx
'''),
        ("np.zeros_like(dout, shape=x.shape): an integer dout gives an integer dx", '''
def avg_pool_backward(dout, cache):
    x, F, S = cache
    dx = np.zeros_like(dout, shape=x.shape)
    Hp, Wp = dout.shape[2], dout.shape[3]
    for p in range(F):
        for q in range(F):
            dx[:, :, p:p + S * Hp:S, q:q + S * Wp:S] = dx[:, :, p:p + S * Hp:S, q:q + S * Wp:S] + dout / F**2
    return dx
'''),
    ],
    "sobel_filters": [
        ("integer array (np.array of ints), not float64", '''
def sobel_filters():
    gx = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    return np.stack([gx, gx.T])[:, None]
'''),
        ("float32, not float64", '''
def sobel_filters():
    gx = np.outer([1, 2, 1], [-1, 0, 1]).astype(np.float32)
    return np.stack([gx, gx.T])[:, None]
'''),
        ("returns nested lists, not an array", '''
def sobel_filters():
    gx = [[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]
    gy = [list(r) for r in zip(*gx)]
    return [[gx], [gy]]
'''),
    ],
}

RIGHT = {
    "conv2d_backward": [("loops over positions, np.add.at free", '''
def conv2d_backward(dout, cache):
    x, w, b, S, P = cache
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Hp, Wp = dout.shape[2:]
    xpad = np.pad(np.asarray(x, dtype=float), ((0, 0), (0, 0), (P, P), (P, P)))
    dxpad = np.zeros(xpad.shape)
    dw = np.zeros(w.shape)
    for i in range(Hp):
        for j in range(Wp):
            r, c = i * S, j * S
            win = xpad[:, :, r:r + F, c:c + F]
            dw += np.tensordot(dout[:, :, i, j], win, axes=([0], [0]))
            dxpad[:, :, r:r + F, c:c + F] += np.tensordot(dout[:, :, i, j], w, axes=([1], [0]))
    db = dout.sum(axis=(0, 2, 3))
    return dxpad[:, :, P:P + H, P:P + W], dw, db
''')],
    "avg_pool_backward": [("per tap strided slices into a float array", '''
def avg_pool_backward(dout, cache):
    x, F, S = cache
    dout = np.asarray(dout, dtype=np.float64)
    dx = np.zeros(np.shape(x), dtype=np.float64)
    Hp, Wp = dout.shape[2], dout.shape[3]
    for p in range(F):
        for q in range(F):
            dx[:, :, p:p + S * (Hp - 1) + 1:S, q:q + S * (Wp - 1) + 1:S] += dout / (F * F)
    return dx
''')],
    "sobel_filters": [("outer product, float64", '''
def sobel_filters():
    gx = np.outer(np.array([1.0, 2.0, 1.0]), np.array([-1.0, 0.0, 1.0]))
    w = np.zeros((2, 1, 3, 3), dtype=np.float64)
    w[0, 0] = gx
    w[1, 0] = gx.T
    return w
''')],
}
