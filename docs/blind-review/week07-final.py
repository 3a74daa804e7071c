WRONG = {"conv2d_forward_naive": [
("dtype taken from x alone: float32 x with float64 w gives float32 (prompt: float64 when any of them is float64)", '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho = (H - F + 2 * P) // S + 1
    Wo = (W - F + 2 * P) // S + 1
    xp = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    out = np.zeros((N, K, Ho, Wo), dtype=x.dtype)
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, k, i, j] = np.sum(xp[n, :, i*S:i*S+F, j*S:j*S+F] * w[k]) + b[k]
    return out, (x, w, b, S, P)
'''),
("assumes square images: uses the width's output size for the height too (prompt: H' and W' likewise)", '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Wo = (W - F + 2 * P) // S + 1
    Ho = Wo
    xp = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    out = np.zeros((N, K, Ho, Wo), dtype=np.result_type(x, w, b))
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, k, i, j] = np.sum(xp[n, :, i*S:i*S+F, j*S:j*S+F] * w[k]) + b[k]
    return out, (x, w, b, S, P)
'''),
("caches the padded input instead of x (prompt: cache = (x, w, b, S, P))", '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, _ = w.shape
    Ho = (H - F + 2 * P) // S + 1
    Wo = (W - F + 2 * P) // S + 1
    x = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    out = np.zeros((N, K, Ho, Wo), dtype=np.result_type(x, w, b))
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, k, i, j] = np.sum(x[n, :, i*S:i*S+F, j*S:j*S+F] * w[k]) + b[k]
    return out, (x, w, b, S, P)
'''),
]}
RIGHT = {"conv2d_forward_naive": [
("loops over n, k, i, j with tensordot over (c, p, q); dtype from result_type of x, w, b", '''
def conv2d_forward_naive(x, w, b, S=1, P=0):
    N, C, H, W = x.shape
    K, _, F, F2 = w.shape
    H_out = (H + 2 * P - F) // S + 1
    W_out = (W + 2 * P - F2) // S + 1
    xpad = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)), mode="constant")
    out = np.empty((N, K, H_out, W_out), dtype=np.result_type(x.dtype, w.dtype, b.dtype))
    for n in range(N):
        for k in range(K):
            for i in range(H_out):
                for j in range(W_out):
                    patch = xpad[n, :, i * S:i * S + F, j * S:j * S + F2]
                    out[n, k, i, j] = np.tensordot(patch, w[k], axes=3) + b[k]
    return out, (x, w, b, S, P)
'''),
]}
