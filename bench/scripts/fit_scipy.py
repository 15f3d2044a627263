#!/usr/bin/env python3
"""SciPy baseline for bench/fit-bench.sh: the same fits as the Java engine, timed on one core.

Needs numpy and scipy. On a fresh Debian/Ubuntu machine:  apt-get install -y python3-scipy
Usage: fit_scipy.py --tokens <datasets.csv> --group <group.csv> --seconds S
Prints one JSON object: fits per second for the domain (3-parameter) and general (5-parameter) token
laws on n = 50 points, and whole bootstrap replicates per second of a 6-ratio group.

The work mirrors the Java engine: the same laws and parametrization ((A, s, B, d, b) for the general
law), the same exponent grids ranked by linear least squares, the best 2 starts refined by
scipy.optimize.least_squares(method='lm') (MINPACK Levenberg-Marquardt) with analytic Jacobians, the
parameter covariance by SVD, T0 by a log-spaced scan plus brentq, ratio law, and the weighted CMR law.
"""
import argparse
import csv
import json
import sys
import time

try:
    import numpy as np
    from scipy.optimize import least_squares, brentq
except ImportError as e:  # pragma: no cover
    sys.stderr.write("fit_scipy.py needs numpy and scipy (%s); install them with: apt-get install -y python3-scipy\n" % e)
    sys.exit(3)

GRID = [0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.5]
SIGNED = [-1.5, -0.75, -0.4, -0.2, -0.1, 0.1, 0.2, 0.4, 0.75, 1.5]
PAIRS = [(GRID[i], GRID[j] - GRID[i]) for i in range(len(GRID)) for j in range(i + 1, len(GRID))]


def e_fn(d, L):
    z = d * L
    small = np.abs(z) < 1e-8
    safe_d = np.where(small, 1.0, d)
    return np.where(small, L * (1 + 0.5 * z), np.expm1(z) / safe_d)


def e_prime(d, L):
    z = d * L
    small = np.abs(z) < 1e-2
    zs = np.where(small, 1.0, z)
    series = 0.5 + z * (1 / 3 + z * (1 / 8 + z * (1 / 30 + z * (1 / 144 + z / 840))))
    closed = (zs * np.exp(zs) - np.expm1(zs)) / (zs * zs)
    return L * L * np.where(small, series, closed)


# One-term law a x^s + b: p = (a, s, b)
def one_f(p, L):
    return p[0] * np.exp(p[1] * L) + p[2]


def one_j(p, L):
    u = np.exp(p[1] * L)
    return np.column_stack([u, p[0] * u * L, np.ones_like(L)])


def one_starts(L, y, w, grid, count=2):
    ranked = []
    sw = np.sqrt(w)
    for s in grid:
        phi = np.column_stack([np.exp(s * L), np.ones_like(L)])
        c, *_ = np.linalg.lstsq(phi * sw[:, None], y * sw, rcond=None)
        r = (y - phi @ c) * sw
        ranked.append((float(r @ r), [c[0], s, c[1]]))
    ranked.sort(key=lambda t: t[0])
    return [p for _, p in ranked[:count]]


# Two-term law A x^s + B x^s (x^d - 1)/d + b: p = (A, s, B, d, b)
def two_f(p, L):
    u = np.exp(p[1] * L)
    return u * (p[0] + p[2] * e_fn(p[3], L)) + p[4]


def two_j(p, L):
    u = np.exp(p[1] * L)
    ev = e_fn(p[3], L)
    core = p[0] + p[2] * ev
    return np.column_stack([u, L * u * core, u * ev, p[2] * u * e_prime(p[3], L), np.ones_like(L)])


def two_starts(L, y, count=2):
    ranked = []
    ones = np.ones_like(L)
    for s, d in PAIRS:
        phi = np.column_stack([np.exp(s * L), np.exp((s + d) * L), ones])
        c, *_ = np.linalg.lstsq(phi, y, rcond=None)
        r = y - phi @ c
        ranked.append((float(r @ r), [c[0] + c[1], s, c[1] * d, d, c[2]]))
    ranked.sort(key=lambda t: t[0])
    return [p for _, p in ranked[:count]]


def fit(f, j, starts, L, y, w=None):
    sw = np.ones_like(y) if w is None else np.sqrt(w)
    best = None
    for p0 in starts:
        try:
            r = least_squares(lambda p: (f(p, L) - y) * sw, p0, jac=lambda p: j(p, L) * sw[:, None], method="lm",
                              xtol=1e-10, ftol=1e-10)
        except Exception:
            continue
        if best is None or r.cost < best.cost:
            best = r
    if best is None:
        return None, None
    n, k = len(y), len(best.x)
    sigma2 = 2 * best.cost / (n - k) if n > k else float("nan")
    _, sv, vt = np.linalg.svd(best.jac, full_matrices=False)
    keep = sv > 1e-10 * sv[0]
    cov = (vt[keep].T / sv[keep] ** 2) @ vt[keep] * sigma2
    return best.x, cov


def slope_one(p, x):
    return p[0] * p[1] * x ** (p[1] - 1)


def slope_two(p, x):
    L = np.log(x)
    return np.exp((p[1] - 1) * L) * (p[0] * p[1] + p[2] * (p[1] * e_fn(p[3], L) + np.exp(p[3] * L)))


def t0(pd, pg, lam, x_first, cap=100.0):
    g = lambda x: slope_one(pd, x) + lam * slope_two(pg, x)
    xs = x_first * np.exp(np.log(cap / x_first) * np.arange(96) / 95)
    vals = g(xs)
    pos = np.nonzero(vals > 0)[0]
    if len(pos) == 0:
        return 0.0
    for k in range(pos[0] + 1, len(xs)):
        if vals[k] <= 0 < vals[k - 1]:
            return brentq(g, xs[k - 1], xs[k], xtol=1e-15, rtol=1e-13)
    return float("nan")


def replicate(group, t_max, rng, lam=1000.0):
    ratios = sorted(group)
    x0s, fits = [], []
    for r in ratios:
        tok, gen, dom = group[r]
        base_g, base_d = gen[0], dom[0]
        idx = 1 + rng.integers(0, len(tok) - 1, len(tok) - 1)
        x = tok[idx] / t_max
        L = np.log(x)
        yd, yg = dom[idx] - base_d, gen[idx] - base_g
        pd, _ = fit(one_f, one_j, one_starts(L, yd, np.ones_like(yd), GRID), L, yd)
        pg, _ = fit(two_f, two_j, two_starts(L, yg), L, yg)
        fits.append((pd, pg, base_g))
        x0s.append(t0(pd, pg, lam, x.min()))
    rr = np.array(ratios)
    Lr = np.log(rr)
    lg = np.array([bg + two_f(pg, np.array([0.0]))[0] for _, pg, bg in fits])
    fit(one_f, one_j, one_starts(Lr, lg, np.ones_like(lg), GRID), Lr, lg)
    x0 = np.array(x0s)
    use = np.isfinite(x0) & (x0 > 0)
    if use.sum() < 3:
        return float("nan")
    Lx = np.log(x0[use])
    p, _ = fit(one_f, one_j, one_starts(Lx, rr[use], np.ones(use.sum()), SIGNED), Lx, rr[use])
    return min(1.0, max(0.0, p[0] + p[2]))


def rate(work, seconds):
    work()  # warm-up
    n, t0_ = 0, time.perf_counter()
    while time.perf_counter() - t0_ < seconds:
        work()
        n += 1
    return n / (time.perf_counter() - t0_)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokens", required=True)
    ap.add_argument("--group", required=True)
    ap.add_argument("--seconds", type=float, default=3.0)
    a = ap.parse_args()
    sets = {}
    with open(a.tokens) as f:
        for row in csv.DictReader(f):
            sets.setdefault(int(row["dataset"]), ([], [], []))
            s = sets[int(row["dataset"])]
            s[0].append(float(row["x"]))
            s[1].append(float(row["domain"]))
            s[2].append(float(row["general"]))
    data = [(np.log(np.array(x)), np.array(d), np.array(g)) for x, d, g in sets.values()]
    group, t_max = {}, 0.0
    with open(a.group) as f:
        for row in csv.DictReader(f):
            r = float(row["ratio"])
            group.setdefault(r, ([], [], []))
            group[r][0].append(float(row["tokens"]))
            group[r][1].append(float(row["general"]))
            group[r][2].append(float(row["domain"]))
            t_max = max(t_max, float(row["tokens"]))
    group = {r: tuple(np.array(v) for v in vals) for r, vals in group.items()}

    def dom_all():
        for L, d, _ in data:
            fit(one_f, one_j, one_starts(L, d, np.ones_like(d), GRID), L, d)

    def gen_all():
        for L, _, g in data:
            fit(two_f, two_j, two_starts(L, g), L, g)

    rng = np.random.default_rng(1)
    out = {
        "token_domain_fits_per_s": rate(dom_all, a.seconds) * len(data),
        "token_general_fits_per_s": rate(gen_all, a.seconds) * len(data),
        "replicates_per_s": rate(lambda: replicate(group, t_max, rng), a.seconds),
        "scipy": __import__("scipy").__version__,
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
