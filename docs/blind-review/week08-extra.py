WRONG = {
    "one_hot": [
        ("squeezes the result: one id (N = 1) gives shape (V,), not (1, V)", '''
def one_hot(ids, V):
    X = np.eye(V, dtype=np.float32)[np.asarray(ids).reshape(-1, 1)]
    return X.squeeze()
'''),
        ("torch.nn.functional.one_hot on torch.as_tensor(ids): an int32 array of ids is rejected "
         "(one_hot needs int64)", '''
def one_hot(ids, V):
    return torch.nn.functional.one_hot(torch.as_tensor(ids), V).numpy().astype(np.float32)
'''),
        ("np.asarray(ids) of an empty list is float64, which cannot index: no ids (N = 0) fails "
         "instead of returning shape (0, V)", '''
def one_hot(ids, V):
    ids = np.asarray(ids)
    X = np.zeros((len(ids), V), dtype=np.float32)
    X[np.arange(len(ids)), ids] = 1
    return X
'''),
    ],
    "svd_embeddings": [
        ("no conversion to float64: a float32 M gives a float32 result", '''
def svd_embeddings(M, E):
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    return U[:, :E] * s[:E]
'''),
        ("computed in float32 with torch (returns float32, less precise)", '''
def svd_embeddings(M, E):
    U, s, Vh = torch.linalg.svd(torch.as_tensor(np.asarray(M), dtype=torch.float32), full_matrices=False)
    return (U[:, :E] * s[:E]).numpy()
'''),
        ("eigen-decomposition of M M^T with sqrt of the eigenvalues: loses precision and gives NaN "
         "for a zero singular value", '''
def svd_embeddings(M, E):
    M = np.asarray(M, dtype=np.float64)
    vals, vecs = np.linalg.eigh(M @ M.T)
    order = np.argsort(vals)[::-1][:E]
    return vecs[:, order] * np.sqrt(vals[order])
'''),
    ],
}

RIGHT = {
    "one_hot": [("comparison with arange, cast to float32", '''
def one_hot(ids, V):
    ids = np.asarray(ids, dtype=np.int64).reshape(-1)
    return (ids[:, None] == np.arange(V)[None, :]).astype(np.float32)
''')],
    "svd_embeddings": [("SVD of M.T, U taken from Vs", '''
def svd_embeddings(M, E):
    M = np.asarray(M, dtype=np.float64)
    Ut, s, Vt = np.linalg.svd(M.T, full_matrices=False)  # M.T = Ut diag(s) Vt, so M = Vt.T diag(s) Ut.T
    return np.ascontiguousarray(Vt[:E].T * s[:E])
''')],
}
