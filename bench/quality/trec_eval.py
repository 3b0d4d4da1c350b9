"""Ranking measures with trec_eval's definitions (trec_eval 9.x: map, P_10, ndcg_cut_10, map_cut_10).

qrels: {qid: {docid: relevance}}; a document is relevant when relevance > 0, and nDCG uses the
relevance value as its gain (graded or binary, as the qrels give it). A run is {qid: [docid, ...]}
in rank order. Averages are over the queries that have at least one relevant document; a query
the run has no answer for counts as 0 (trec_eval -c), so engines are compared on the same queries.
"""
import math


def read_qrels(path):
    qrels = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) >= 4:
                qrels.setdefault(p[0], {})[p[2]] = int(p[3])
    return qrels


def average_precision(ranked, rel, cut=None):
    """Sum of precision at each relevant rank (up to cut), over all relevant documents."""
    n_rel = sum(1 for g in rel.values() if g > 0)
    if n_rel == 0:
        return 0.0
    hits, total = 0, 0.0
    for i, d in enumerate(ranked[:cut] if cut else ranked, 1):
        if rel.get(d, 0) > 0:
            hits += 1
            total += hits / i
    return total / n_rel


def precision_at(ranked, rel, k):
    """Relevant among the first k, over k (fewer than k answers still divide by k)."""
    return sum(1 for d in ranked[:k] if rel.get(d, 0) > 0) / k


def ndcg_at(ranked, rel, k):
    """DCG = sum gain / log2(rank + 1) over the first k, over the DCG of the ideal ordering."""
    dcg = sum(rel.get(d, 0) / math.log2(i + 1) for i, d in enumerate(ranked[:k], 1) if rel.get(d, 0) > 0)
    ideal = sorted((g for g in rel.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 1) for i, g in enumerate(ideal, 1))
    return dcg / idcg if idcg else 0.0


def evaluate(run, qrels, full=True):
    """Mean measures over judged queries. full=False: the run holds only a top 10, so MAP (full
    depth) is not reported. Returns {measure: value, "queries": n, "per_query": {...}}."""
    qids = sorted((q for q, r in qrels.items() if any(g > 0 for g in r.values())), key=_num)
    per = {}
    for q in qids:
        ranked = run.get(q, [])
        m = {"P@10": precision_at(ranked, qrels[q], 10), "nDCG@10": ndcg_at(ranked, qrels[q], 10),
             "MAP@10": average_precision(ranked, qrels[q], 10)}
        if full:
            m["MAP"] = average_precision(ranked, qrels[q])
        per[q] = m
    out = {"queries": len(qids)}
    for key in (["MAP"] if full else []) + ["MAP@10", "P@10", "nDCG@10"]:
        out[key] = sum(m[key] for m in per.values()) / len(qids) if qids else 0.0
    out["per_query"] = per
    return out


def paired_test(a, b, trials=10000, seed=1):
    """Two-sided paired randomization test on per-query scores {qid: x} (same qids): the share of
    random sign flips of the per-query differences whose mean is at least as far from 0 as the
    observed one. Also wins/ties/losses of a over b. Deterministic (fixed seed)."""
    import random
    diffs = [a[q] - b[q] for q in a]
    obs = abs(sum(diffs))
    rng = random.Random(seed)
    hits = sum(1 for _ in range(trials) if abs(sum(d if rng.random() < 0.5 else -d for d in diffs)) >= obs - 1e-12)
    return {"wins": sum(d > 1e-12 for d in diffs), "ties": sum(abs(d) <= 1e-12 for d in diffs),
            "losses": sum(d < -1e-12 for d in diffs), "p": round((hits + 1) / (trials + 1), 4)}


def _num(q):
    return (0, int(q)) if q.isdigit() else (1, q)


def self_test():
    """Checks the measures on a toy run against values computed by hand; raises on a mismatch."""
    rel = {"a": 1, "c": 1, "f": 1}
    ranked = ["a", "b", "c", "d", "e"]  # relevant at ranks 1 and 3; "f" never retrieved
    # AP = (1/1 + 2/3) / 3 = 0.5556
    assert abs(average_precision(ranked, rel) - (1 + 2 / 3) / 3) < 1e-12
    # P@10 = 2/10 (five answers still divide by 10)
    assert abs(precision_at(ranked, rel, 10) - 0.2) < 1e-12
    # DCG = 1/log2(2) + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3) + 1/log2(4) = 2.1309
    assert abs(ndcg_at(ranked, rel, 10) - 1.5 / (1 + 1 / math.log2(3) + 0.5)) < 1e-12
    # MAP@2 (map_cut_2): only rank 1 counts, still over 3 relevant = 1/3
    assert abs(average_precision(ranked, rel, 2) - 1 / 3) < 1e-12
    # graded: gains 3 and 1; ranked puts the gain-1 document first
    graded = {"x": 3, "y": 1}
    want = (1 / 1 + 3 / math.log2(3)) / (3 / 1 + 1 / math.log2(3))
    assert abs(ndcg_at(["y", "x"], graded, 10) - want) < 1e-12
    # a query the run misses entirely counts as 0
    r = evaluate({"1": ranked}, {"1": rel, "2": {"z": 1}})
    assert r["queries"] == 2 and abs(r["MAP"] - (1 + 2 / 3) / 6) < 1e-12
    t = paired_test({"1": 1.0, "2": 0.5}, {"1": 1.0, "2": 0.5})
    assert t["ties"] == 2 and t["p"] == 1.0
    return True


if __name__ == "__main__":
    self_test()
    print("trec_eval self-test passed")
