#!/usr/bin/python3
"""Trains dindex's boilerplate line model and measures it honestly.

    tools/boilerplate_model/train.py [--build DIR] [--corpora DIR] [--folds 5] [--write]

Needs Debian's python3-sklearn (`apt-get install python3-sklearn`; run with /usr/bin/python3) and a
build with dindex and bp_features (`ninja -C build dindex bp_features`).

Labels come from the two boilerplate sets of ../shared/corpora:
- readability-test-pages: a line is article text when it occurs in the expected article text
  (whitespace squashed), template otherwise. Every line is labelled.
- trafilatura-eval: lines overlapping a "with" snippet are article text, lines overlapping a
  "without" snippet template; the rest are unlabelled and not trained on.

Cross-validation is by site (a site's pages share a template, so a page of a site seen in training
would flatter the model): pages are split into --folds groups, a model is trained without each
group, and that group goes through the real `dindex --extract` with the model
(DSEARCH_BOILERPLATE_MODEL). Every page is thus extracted once by a model that never saw its site;
the figures printed are those of bench/quality over these extracts, next to the heuristic alone
(DSEARCH_BOILERPLATE_MODEL=none). --write trains on everything and writes
indexer/data/boilerplate_model.txt, which dindex embeds.
"""
import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile
import urllib.parse

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bench", "quality"))
from boilerplate import add_overlap, squash  # noqa: E402
from common import Counts, read_jsonl  # noqa: E402

PARAMS = dict(n_estimators=300, max_depth=4, learning_rate=0.1, subsample=0.8, min_samples_leaf=20,
              random_state=1)


def load_sets(corpora):
    d = os.path.join(corpora, "trafilatura-eval")
    with open(os.path.join(d, "evaldata.json"), encoding="utf-8") as f:
        evaldata = json.load(f)
    traf = []
    for p in read_jsonl(os.path.join(d, "trafilatura-eval.jsonl.gz")):
        e = evaldata.get(p.get("url"))
        if e is None:
            continue
        site = urllib.parse.urlsplit(p["url"]).hostname or p["id"]
        traf.append({"id": p["id"], "body": p["body"], "site": site.removeprefix("www."),
                     "with": e.get("with", []), "without": e.get("without", [])})
    d = os.path.join(corpora, "readability-test-pages")
    expected = {r["id"]: r["article_text"]
                for r in read_jsonl(os.path.join(d, "readability-test-pages.expected.jsonl.gz"))}
    read = [{"id": p["id"], "body": p["body"], "site": "readability:" + p["id"], "expected": expected[p["id"]]}
            for p in read_jsonl(os.path.join(d, "readability-test-pages.jsonl.gz")) if p["id"] in expected]
    return traf, read


def dump_features(build, pages):
    """bp_features over the pages, as dindex --extract sees them (id and body only)."""
    inp = "".join(json.dumps({"id": p["id"], "body": p["body"]}, ensure_ascii=False) + "\n" for p in pages)
    # Features depend only on the heuristic stage; "none" keeps a stale embedded model out of it.
    env = dict(os.environ, DSEARCH_BOILERPLATE_MODEL="none")
    out = subprocess.run([os.path.join(build, "indexer", "bp_features")], input=inp, capture_output=True,
                         text=True, check=True, env=env).stdout
    return {r["id"]: r for r in (json.loads(line) for line in out.split("\n") if line)}


def spans(lines):
    """The squashed page as one string, and each line's [start, end) in it."""
    text, pos = [], 0
    out = []
    for line in lines:
        s = squash(line)
        out.append((pos, pos + len(s)))
        text.append(s)
        pos += len(s) + 1
    return " ".join(text), out


def overlapping(text, where, snippet):
    """Indexes of the lines a snippet's occurrences overlap."""
    hit = set()
    w = squash(snippet)
    if not w:
        return hit
    start = text.find(w)
    while start >= 0:
        end = start + len(w)
        hit.update(i for i, (a, b) in enumerate(where) if a < end and b > start)
        start = text.find(w, start + 1)
    return hit


def label_trafilatura(page, feats):
    text, where = spans(feats["lines"])
    pos, neg = set(), set()
    for s in page["with"]:
        pos |= overlapping(text, where, s)
    for s in page["without"]:
        neg |= overlapping(text, where, s)
    return {i: 1 for i in pos - neg} | {i: 0 for i in neg - pos}


def label_readability(page, feats):
    expected = squash(page["expected"])
    return {i: int(squash(line) in expected) for i, line in enumerate(feats["lines"])}


def training_rows(pages, feats, labeller):
    X, y, w = [], [], []
    for p in pages:
        f = feats.get(p["id"])
        if not f or f.get("clean"):
            continue
        for i, label in labeller(p, f).items():
            X.append(f["f"][i])
            y.append(label)
            # Longer lines carry more of the text both measures count.
            w.append(1.0 + np.log1p(len(f["lines"][i].split())))
    return X, y, w


def fit(X, y, w):
    model = GradientBoostingClassifier(**PARAMS)
    model.fit(np.asarray(X, dtype=np.float32), np.asarray(y), sample_weight=np.asarray(w))
    return model


def export(model, width, threshold, path, note, cv=None):
    init = float(model._raw_predict_init(np.zeros((1, width), dtype=np.float32))[0, 0])
    lines = ["# dsearch boilerplate line model, written by tools/boilerplate_model/train.py",
             "# " + note,
             "# cv " + json.dumps({k: round(v, 4) for k, v in cv.items()} if cv else None, sort_keys=True),
             "features %d" % width, "threshold %.6f" % threshold, "base %.9g" % init,
             "rate %.9g" % model.learning_rate, "trees %d" % len(model.estimators_)]
    for est in model.estimators_[:, 0]:
        t = est.tree_
        lines.append("tree %d" % t.node_count)
        for k in range(t.node_count):
            leaf = t.children_left[k] < 0
            lines.append("%d %.9g %d %d %.9g" % (-1 if leaf else t.feature[k], 0 if leaf else t.threshold[k],
                                                 -1 if leaf else t.children_left[k],
                                                 -1 if leaf else t.children_right[k], t.value[k, 0, 0]))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def extract(build, pages, model_path, workdir, tag):
    inp = os.path.join(workdir, tag + ".input.jsonl")
    with open(inp, "w", encoding="utf-8") as f:
        for p in pages:
            f.write(json.dumps({"id": p["id"], "body": p["body"]}, ensure_ascii=False) + "\n")
    env = dict(os.environ, DSEARCH_BOILERPLATE_MODEL=model_path)
    out = subprocess.run([os.path.join(build, "indexer", "dindex"), "--extract", "--no-progress", inp],
                         capture_output=True, text=True, env=env)
    if out.returncode not in (0, 1):
        sys.exit("dindex --extract failed: " + out.stderr[-2000:])
    return {a["id"]: a.get("body", "") for a in (json.loads(line) for line in out.stdout.split("\n") if line)}


def score(traf, read, bodies):
    """bench/quality's measures: trafilatura snippet P/R/F1 and leak rate, readability token P/R/F1."""
    t, leaks, present = Counts(), 0, 0
    for p in traf:
        kept, page = squash(bodies.get(p["id"], "")), squash(p["body"])
        for s in p["with"]:
            w = squash(s)
            t.add(tp=w in kept, fn=w not in kept)
        for s in p["without"]:
            w = squash(s)
            t.add(fp=w in kept)
            if w in page:
                present += 1
                leaks += w in kept
    r = Counts()
    for p in read:
        add_overlap(r, bodies.get(p["id"], ""), p["expected"])
    return {"traf_p": t.p, "traf_r": t.r, "traf_f1": t.f1, "leak": leaks / max(present, 1),
            "read_p": r.p, "read_r": r.r, "read_f1": r.f1}


def show(name, s):
    print("  %-22s trafilatura P %.3f R %.3f F1 %.3f leaks %5.1f%% | readability P %.3f R %.3f F1 %.3f"
          % (name, s["traf_p"], s["traf_r"], s["traf_f1"], 100 * s["leak"], s["read_p"], s["read_r"], s["read_f1"]))


def site_folds(pages, k, seed=7):
    sites = sorted({p["site"] for p in pages})
    random.Random(seed).shuffle(sites)
    return {s: i % k for i, s in enumerate(sites)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--corpora", default=os.path.join(ROOT, "..", "shared", "corpora"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--thresholds", default="0.5")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    traf, read = load_sets(args.corpora)
    pages = traf + read
    feats = dump_features(args.build, pages)
    width = len(next(f for f in feats.values() if not f.get("clean"))["f"][0])
    thresholds = [float(x) for x in args.thresholds.split(",")]
    with tempfile.TemporaryDirectory() as work:
        base = extract(args.build, pages, "none", work, "heuristic")
        print("%d pages (%d trafilatura, %d readability), %d sites, %d features" %
              (len(pages), len(traf), len(read), len({p["site"] for p in pages}), width))
        show("heuristic alone", score(traf, read, base))
        cv_scores = {}
        if args.folds > 1:
            fold_of = site_folds(pages, args.folds)
            cv = {t: {} for t in thresholds}
            for k in range(args.folds):
                train = [p for p in pages if fold_of[p["site"]] != k]
                test = [p for p in pages if fold_of[p["site"]] == k]
                Xt, yt, wt = training_rows([p for p in train if "with" in p], feats, label_trafilatura)
                Xr, yr, wr = training_rows([p for p in train if "expected" in p], feats, label_readability)
                model = fit(Xt + Xr, yt + yr, wt + wr)
                for t in thresholds:
                    path = os.path.join(work, "fold%d.txt" % k)
                    export(model, width, t, path, "cross-validation fold")
                    cv[t].update(extract(args.build, test, path, work, "fold%d" % k))
                print("  fold %d: %d pages held out, %d lines trained on" % (k, len(test), len(yt) + len(yr)),
                      file=sys.stderr)
            for t in thresholds:
                cv_scores[t] = score(traf, read, cv[t])
                show("model, %d-fold CV @%.2f" % (args.folds, t), cv_scores[t])
        if args.write:
            Xt, yt, wt = training_rows([p for p in traf], feats, label_trafilatura)
            Xr, yr, wr = training_rows([p for p in read], feats, label_readability)
            model = fit(Xt + Xr, yt + yr, wt + wr)
            path = os.path.join(ROOT, "indexer", "data", "boilerplate_model.txt")
            export(model, width, thresholds[0], path,
                   "%d labelled lines of trafilatura-eval and readability-test-pages; %s" %
                   (len(yt) + len(yr), json.dumps(PARAMS, sort_keys=True)),
                   dict(cv_scores.get(thresholds[0], {}), folds=args.folds) if cv_scores else None)
            print("wrote", path)


if __name__ == "__main__":
    main()
