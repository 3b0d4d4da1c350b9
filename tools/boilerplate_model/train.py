#!/usr/bin/python3
"""Trains dindex's boilerplate line model and measures it honestly.

    tools/boilerplate_model/train.py [--build DIR] [--corpora DIR] [--folds 5] [--write] [--keep DIR]

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

The trees also see lexical scores (the last LEX_COLUMNS features): a logistic regression over a
line's hashed words, word pairs and first and last words, written as
indexer/data/boilerplate_lexicon.txt (DSEARCH_BOILERPLATE_LEXICON overrides it) and computed by
dindex with the same tokens and hash (line_lexicon.h). The scores the trees train on are
out-of-fold by site, so the trees learn how far to trust the wording of a site the lexicon never
saw; inside each cross-validation fold this is nested (the held-out sites are neither in the
fold's lexicon nor in the lexicons that score its training lines).
"""
import argparse
import collections
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

import numpy as np
from scipy import sparse
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bench", "quality"))
from boilerplate import add_overlap, squash  # noqa: E402
from common import Counts, read_jsonl  # noqa: E402

PARAMS = dict(n_estimators=300, max_depth=4, learning_rate=0.1, subsample=0.8, min_samples_leaf=20,
              random_state=1)
LEX_BUCKETS = 1 << 18
LEX_C = 1.0
LEX_MIN_SITES = 2  # a word seen on one site only says more about that site than about boilerplate
LEX_COLUMNS = 6  # the line, its neighbours at -2, -1, +1, +2, and the page mean (boilerplate_features.cc)
LEX_INNER_FOLDS = 4


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


def dump_features(build, pages, lexicon="none"):
    """bp_features over the pages, as dindex --extract sees them (id and body only)."""
    inp = "".join(json.dumps({"id": p["id"], "body": p["body"]}, ensure_ascii=False) + "\n" for p in pages)
    # Features depend only on the heuristic stage and the lexicon; "none" keeps a stale embedded
    # model out of it (the lexical columns, then 0, are filled in by lexical_columns).
    env = dict(os.environ, DSEARCH_BOILERPLATE_MODEL="none", DSEARCH_BOILERPLATE_LEXICON=lexicon)
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


def training_rows(pages, feats, labeller, lex=None):
    """Feature rows, labels and weights of the labelled lines; `lex` (page id -> lexical columns)
    replaces the dumped lexical columns."""
    X, y, w = [], [], []
    for p in pages:
        f = feats.get(p["id"])
        if not f or f.get("clean"):
            continue
        for i, label in labeller(p, f).items():
            X.append(f["f"][i][:-LEX_COLUMNS] + list(lex[p["id"]][i]) if lex is not None else f["f"][i])
            y.append(label)
            # Longer lines carry more of the text both measures count.
            w.append(1.0 + np.log1p(len(f["lines"][i].split())))
    return X, y, w


def fnv1a(data):
    h = 0x811C9DC5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def line_terms(text):
    """Hash buckets of a line's terms, as line_lexicon.cc makes them: its words (runs of [0-9a-z]
    and bytes >= 0x80 in the ASCII-lowercased bytes), its word pairs, and the words it starts with
    and ends with, marked as such."""
    words = re.findall(rb"[0-9a-z\x80-\xff]+", text.encode("utf-8").lower())
    terms = words + [a + b" " + b for a, b in zip(words, words[1:])]
    if words:
        terms += [b"^ " + words[0], words[-1] + b" $"]
    if len(words) > 1:
        terms.append(b"^ " + words[0] + b" " + words[1])
    return [fnv1a(t) % LEX_BUCKETS for t in terms]


class LexPages:
    """Every line of every dumped page as a row of l2-normalised hashed term counts."""

    def __init__(self, pages, feats):
        self.rows, indptr, cols = {}, [0], []
        for p in pages:
            f = feats.get(p["id"])
            if not f or f.get("clean"):
                continue
            start = len(indptr) - 1
            for line in f["lines"]:
                cols.extend(line_terms(line))
                indptr.append(len(cols))
            self.rows[p["id"]] = (start, len(indptr) - 1)
        m = sparse.csr_matrix((np.ones(len(cols)), cols, indptr), shape=(len(indptr) - 1, LEX_BUCKETS))
        m.sum_duplicates()
        self.site = np.empty(m.shape[0], dtype=object)
        for p in pages:
            if p["id"] in self.rows:
                a, b = self.rows[p["id"]]
                self.site[a:b] = p["site"]
        self.X = normalize(m)

    def labelled(self, pages, feats):
        """Row indexes, labels and weights of the labelled lines of `pages`."""
        idx, y, w = [], [], []
        for p in pages:
            if p["id"] not in self.rows:
                continue
            f = feats[p["id"]]
            labels = (label_trafilatura if "with" in p else label_readability)(p, f)
            for i, label in labels.items():
                idx.append(self.rows[p["id"]][0] + i)
                y.append(label)
                w.append(1.0 + np.log1p(len(f["lines"][i].split())))
        return np.asarray(idx, dtype=np.int64), np.asarray(y), np.asarray(w)


def fit_lexicon(lp, pages, feats):
    """(bias, weights) of a logistic regression over the labelled lines of `pages`, on the buckets
    that occur on LEX_MIN_SITES sites or more."""
    idx, y, w = lp.labelled(pages, feats)
    X = lp.X[idx]
    sites_of = collections.defaultdict(set)
    coo = X.tocoo()
    for r, c in zip(coo.row, coo.col):
        sites_of[c].add(lp.site[idx[r]])
    keep = np.zeros(LEX_BUCKETS)
    keep[[c for c, s in sites_of.items() if len(s) >= LEX_MIN_SITES]] = 1
    X = X @ sparse.diags(keep)
    model = LogisticRegression(C=LEX_C, solver="liblinear", max_iter=1000)
    model.fit(X, y, sample_weight=w)
    coef = model.coef_[0] * keep
    # The written precision, so that the scores computed here are those dindex computes.
    return float("%.6g" % model.intercept_[0]), np.array([float("%.6g" % v) for v in coef])


def lex_scores(lp, lexicon, ids):
    bias, coef = lexicon
    out = {}
    for pid in ids:
        if pid in lp.rows:
            a, b = lp.rows[pid]
            out[pid] = bias + lp.X[a:b] @ coef
    return out


def lexical_columns(scores):
    """The lexical features of a page's lines from their scores, as boilerplate_features.cc forms
    them: the line, its neighbours at -2, -1, +1, +2 (0 past the page edge), the page mean."""
    n = len(scores)
    padded = np.concatenate([np.zeros(2), scores, np.zeros(2)])
    mean = float(np.mean(scores)) if n else 0.0
    return np.column_stack([scores, padded[0:n], padded[1:n + 1], padded[3:n + 3], padded[4:n + 4],
                            np.full(n, mean)])


def oof_lexical(lp, pages, feats, k, seed):
    """Lexical columns of every line of `pages`, each page scored by a lexicon trained without its
    site (k folds by site)."""
    fold_of = site_folds(pages, k, seed)
    out = {}
    for j in range(k):
        lexicon = fit_lexicon(lp, [p for p in pages if fold_of[p["site"]] != j], feats)
        scores = lex_scores(lp, lexicon, [p["id"] for p in pages if fold_of[p["site"]] == j])
        out.update({pid: lexical_columns(s) for pid, s in scores.items()})
    return out


def export_lexicon(lexicon, path, note):
    bias, coef = lexicon
    nz = np.flatnonzero(coef)
    lines = ["# dsearch boilerplate lexicon, written by tools/boilerplate_model/train.py",
             "# " + note, "buckets %d" % LEX_BUCKETS, "bias %.6g" % bias, "weights %d" % len(nz)]
    lines += ["%d %.6g" % (i, coef[i]) for i in nz]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def check_lexicon(build, pages, lp, lexicon, path):
    """dindex's lexical columns must be those computed here, or the trees learn from other values
    than they are given."""
    got = dump_features(build, pages, path)
    want = {pid: lexical_columns(s) for pid, s in lex_scores(lp, lexicon, got).items()}
    worst = max(float(np.max(np.abs(np.asarray(got[pid]["f"])[:, -LEX_COLUMNS:] - cols)))
                for pid, cols in want.items())
    if worst > 1e-3:
        sys.exit("bp_features's lexical scores differ from train.py's by %g" % worst)


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


def extract(build, pages, model_path, workdir, tag, lexicon_path="none"):
    inp = os.path.join(workdir, tag + ".input.jsonl")
    with open(inp, "w", encoding="utf-8") as f:
        for p in pages:
            f.write(json.dumps({"id": p["id"], "body": p["body"]}, ensure_ascii=False) + "\n")
    env = dict(os.environ, DSEARCH_BOILERPLATE_MODEL=model_path, DSEARCH_BOILERPLATE_LEXICON=lexicon_path)
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
    ap.add_argument("--no-lexicon", action="store_true", help="trees without the lexical scores (for comparison)")
    ap.add_argument("--keep", metavar="DIR", help="copy each fold's model and lexicon into DIR (for decode experiments)")
    args = ap.parse_args()
    if args.write and args.no_lexicon:
        # dindex would give the trees the embedded lexicon's scores where they learnt from zeros.
        ap.error("--no-lexicon is for comparison only; it cannot be used with --write")
    traf, read = load_sets(args.corpora)
    pages = traf + read
    feats = dump_features(args.build, pages)
    width = len(next(f for f in feats.values() if not f.get("clean"))["f"][0])
    thresholds = [float(x) for x in args.thresholds.split(",")]
    lp = None if args.no_lexicon else LexPages(pages, feats)
    with tempfile.TemporaryDirectory() as work:
        base = extract(args.build, pages, "none", work, "heuristic")
        print("%d pages (%d trafilatura, %d readability), %d sites, %d features%s" %
              (len(pages), len(traf), len(read), len({p["site"] for p in pages}), width,
               "" if lp else ", lexical ones left at 0"))
        show("heuristic alone", score(traf, read, base))
        cv_scores = {}
        if args.folds > 1:
            fold_of = site_folds(pages, args.folds)
            cv = {t: {} for t in thresholds}
            for k in range(args.folds):
                train = [p for p in pages if fold_of[p["site"]] != k]
                test = [p for p in pages if fold_of[p["site"]] == k]
                lex, lex_path = None, "none"
                if lp:
                    lex = oof_lexical(lp, train, feats, LEX_INNER_FOLDS, seed=11 + k)
                    lex_path = os.path.join(work, "fold%d.lexicon.txt" % k)
                    lexicon = fit_lexicon(lp, train, feats)
                    export_lexicon(lexicon, lex_path, "cross-validation fold")
                    check_lexicon(args.build, test, lp, lexicon, lex_path)
                Xt, yt, wt = training_rows([p for p in train if "with" in p], feats, label_trafilatura, lex)
                Xr, yr, wr = training_rows([p for p in train if "expected" in p], feats, label_readability, lex)
                model = fit(Xt + Xr, yt + yr, wt + wr)
                for t in thresholds:
                    path = os.path.join(work, "fold%d.txt" % k)
                    export(model, width, t, path, "cross-validation fold")
                    cv[t].update(extract(args.build, test, path, work, "fold%d" % k, lex_path))
                if args.keep:
                    os.makedirs(args.keep, exist_ok=True)
                    shutil.copy(path, os.path.join(args.keep, "fold%d.txt" % k))
                    if lp:
                        shutil.copy(lex_path, os.path.join(args.keep, "fold%d.lexicon.txt" % k))
                print("  fold %d: %d pages held out, %d lines trained on" % (k, len(test), len(yt) + len(yr)),
                      file=sys.stderr)
            for t in thresholds:
                cv_scores[t] = score(traf, read, cv[t])
                show("model, %d-fold CV @%.2f" % (args.folds, t), cv_scores[t])
        if args.write:
            lex = None
            if lp:
                lex = oof_lexical(lp, pages, feats, max(args.folds, 2), seed=11)
                lexicon = fit_lexicon(lp, pages, feats)
                path = os.path.join(ROOT, "indexer", "data", "boilerplate_lexicon.txt")
                export_lexicon(lexicon, path, "trafilatura-eval and readability-test-pages; C %g, buckets on %d+ sites"
                               % (LEX_C, LEX_MIN_SITES))
                check_lexicon(args.build, pages, lp, lexicon, path)
                print("wrote", path)
            Xt, yt, wt = training_rows([p for p in traf], feats, label_trafilatura, lex)
            Xr, yr, wr = training_rows([p for p in read], feats, label_readability, lex)
            model = fit(Xt + Xr, yt + yr, wt + wr)
            path = os.path.join(ROOT, "indexer", "data", "boilerplate_model.txt")
            export(model, width, thresholds[0], path,
                   "%d labelled lines of trafilatura-eval and readability-test-pages; %s" %
                   (len(yt) + len(yr), json.dumps(PARAMS, sort_keys=True)),
                   dict(cv_scores.get(thresholds[0], {}), folds=args.folds) if cv_scores else None)
            print("wrote", path)

if __name__ == "__main__":
    main()
