#!/usr/bin/env python3
"""dsearch quality benchmark: country facets, boilerplate removal and metadata, entities, ranking.

Usually run through bench/quality/run.sh, which builds dindex and dsearch first. Every figure comes
from the real binaries. Prints the tables and writes every figure as one JSON object (see
bench/QUALITY.md for the format).
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import boilerplate  # noqa: E402
import html_peers  # noqa: E402
import ranking  # noqa: E402
import reuters  # noqa: E402
import trec_eval  # noqa: E402
from common import f3, heading, nproc, pct, table  # noqa: E402

SECTIONS = ("countries", "boilerplate", "ranking", "entities")
SCHEMA_VERSION = 1


def git_state(root):
    def git(*a):
        p = subprocess.run(["git", "-C", root, *a], capture_output=True, text=True)
        return p.stdout.strip() if p.returncode == 0 else None
    commit = git("rev-parse", "HEAD")
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit, "dirty": bool(dirty) if dirty is not None else None}


def print_countries(c):
    print(heading("1. Country facets vs Reuters-21578 PLACES (%d articles with PLACES)" % c["articles_with_places"]))
    m, M = c["main_micro"], c["main_macro"]
    print(table(["main_countries", "precision", "recall", "F1"],
                [["micro (every label)", f3(m["precision"]), f3(m["recall"]), f3(m["f1"])],
                 ["macro (%d countries)" % M["countries"], f3(M["precision"]), f3(M["recall"]), f3(M["f1"])]]))
    print("  PLACES found among all mentioned `countries`: recall %s" % f3(c["places_recall_in_mentions"]))
    print("\n  Countries with the most errors (fp: main country not in PLACES, fn: PLACES not found):")
    print(table(["country", "fp", "fn", "tp", "precision", "recall"],
                [[w["country"], w["fp"], w["fn"], w["tp"], f3(w["precision"]), f3(w["recall"])]
                 for w in c["worst_countries"]]))
    print("\n  Worst confusions (expected -> got, '-' = nothing), per article:")
    print(table(["expected -> got", "articles"], [["%s -> %s" % (w["expected"], w["got"]), w["count"]]
                                                  for w in c["worst_confusions"]]))


_KEPT_ROWS = (("dindex --extract *", "dindex"), ("heuristic stage alone", "heuristic"), ("whole page", "whole_page"),
              ("lines of 80+ chars", "lines_80"))


def kept_table(s, cv, prefix):
    """P/R/F1 of each kind of kept text, with the model's cross-validated figures (cv[prefix_p] ...)
    under the shipped model's when the model recorded them."""
    rows = [[k, f3(s[key]["precision"]), f3(s[key]["recall"]), f3(s[key]["f1"])] for k, key in _KEPT_ROWS]
    if cv:
        rows.insert(1, ["  cross-validated **"] + [f3(cv[prefix + m]) for m in ("_p", "_r", "_f1")])
    return table(["kept text", "precision", "recall", "F1"], rows)


def print_boilerplate(b):
    t, r, cv = b["trafilatura"], b["readability"], b.get("model_cross_validation")
    print(heading("2. Boilerplate removal and metadata (no hints: id + page text only)"))
    print("  trafilatura-eval, %d pages (%d with no output): with/without snippets" % (t["pages"], t["pages_without_output"]))
    print(kept_table(t["snippets"], cv, "traf"))
    print("  'without' snippets leaking: %s of %d present in the page (heuristic stage alone %s%s)"
          % (pct(t["without_leak_rate"]), t["without_in_page"], pct(t.get("heuristic_leak_rate")),
             ", cross-validated %s" % pct(cv["leak"]) if cv else ""))
    print("\n  readability-test-pages, %d pages (%d with no output): tokens vs expected article" % (r["pages"], r["pages_without_output"]))
    print(kept_table(r["tokens"], cv, "read"))
    print("  * the line model (indexer/data/boilerplate_model.txt) was trained on these pages: in-sample figures."
          "\n  ** %s" % ("each page extracted by a model trained without its site (%d folds; recorded by"
                          " tools/boilerplate_model/train.py)" % cv["folds"] if cv else
                          "no cross-validated figures recorded in the model"))
    if "html_peers" in b:
        print_html_peers(b["html_peers"], t, r, cv)
    print("\n  Detected metadata vs expected (trafilatura: evaldata.json; readability: expected title, publishedTime):")
    rows = []
    for name, m in (("trafilatura-eval", t["metadata"]), ("readability", r["metadata"])):
        rows.append([name, m["titles"], pct(m["title_in_page"]), pct(m["title_exact"]), pct(m["title_loose"]),
                     pct(m["title_missing"]), m["dates"], pct(m["date_exact"]), pct(m["date_missing"])])
    print(table(["set", "titles", "in page", "exact", "loose", "none", "dates", "exact", "none"], rows))
    print("  (title exact: whitespace-squashed equality; loose: case, spaces and punctuation ignored;"
          "\n   in page: the expected title appears (loosely) in the page text at all; none: nothing detected)")


def print_html_peers(h, t, r, cv):
    """dindex's rows beside the extractors that read the HTML itself: same pages, same scorer."""
    prf = ("precision", "recall", "f1")

    def row(name, traf, leak, read):
        return [name] + [f3(traf[m]) for m in prf] + [pct(leak)] + [f3(read[m]) for m in prf]

    def recorded(prefix):  # the model's cross-validated figures, keyed traf_p ... read_f1
        return {m: cv[prefix + k] for m, k in zip(prf, ("_p", "_r", "_f1"))}

    rows = [row("dindex --extract * (page text)", t["snippets"]["dindex"], t["without_leak_rate"], r["tokens"]["dindex"])]
    if cv:
        rows.append(row("  cross-validated **", recorded("traf"), cv["leak"], recorded("read")))
    rows += [row(e["name"], e["trafilatura"]["snippets"], e["trafilatura"]["without_leak_rate"],
                 e["readability"]["tokens"]) for e in h["extractors"].values()]
    print("\n  HTML extractors on the raw HTML (reference: they see the markup, dindex only the page text):")
    print(table(["kept text", "traf. P", "R", "F1", "leaks", "readab. P", "R", "F1"], rows))
    print("  (trafilatura-eval: with/without snippets, leaks over the same %d `without` snippets present in"
          "\n   the page text; readability-test-pages: tokens vs expected article)" % t["without_in_page"])
    if "readability_js" in h["extractors"]:
        print("  Readability.js on readability-test-pages is scored against its own output: the expected"
              "\n  articles are its test suite's, so about 1.0 by construction.")
    for e in h["extractors"].values():
        print("  %s: %s" % (e["name"], "; ".join(
            "%s %d pages failed, %d gave no text,%s %s s%s" % (
                s, len(e[s]["errors"]), len(e[s]["no_text"]),
                " %d missing (counted as keeping nothing)," % e[s]["pages_missing"] if e[s]["pages_missing"] else "",
                e[s]["seconds"], " (cached)" if e[s]["cached"] else "")
            for s in ("trafilatura", "readability"))))
    for name, why in h["skipped"].items():
        print("  %s SKIPPED: %s" % (name, why))


def print_entities(e):
    print(heading("4. People and organizations vs Reuters-21578 PEOPLE / ORGS"))
    print(table(["entity", "articles", "precision", "recall", "F1", "tp", "fp", "fn"],
                [[k, e[k]["articles"], f3(e[k]["precision"]), f3(e[k]["recall"]), f3(e[k]["f1"]),
                  e[k]["tp"], e[k]["fp"], e[k]["fn"]] for k in ("people", "orgs")]))
    print("  (articles with labels only; a person matches on the last name (or first of both), an org on"
          "\n   initials or the squeezed name; unlabelled true entities count as false positives)")


def print_ranking(r):
    print(heading("3. Ranking on TIME (time-dev: %d documents, %d topics, %d judged)"
                  % (r["documents"], r["topics"], r["judged_topics"])))
    rows = []
    for name, m in r["engines"].items():
        t = m.get("vs_dsearch_ndcg10")
        rows.append([name, f3(m.get("MAP")), f3(m["MAP@10"]), f3(m["P@10"]), f3(m["nDCG@10"]),
                     "%d/%d/%d" % (t["wins"], t["ties"], t["losses"]) if t else "", "%.2f" % t["p"] if t else ""])
    print(table(["engine", "MAP@1000", "MAP@10*", "P@10", "nDCG@10", "dsearch W/T/L**", "p**"], rows))
    print("  * MAP@10 = trec_eval map_cut_10 (precision at relevant ranks within the top 10, over ALL relevant);")
    print("    peers' results hold only a top 10, so MAP@1000 exists for dsearch only.")
    print("  ** per-topic nDCG@10 of dsearch against that engine: topics dsearch wins/ties/loses, and the")
    print("     two-sided paired randomization test p (10,000 sign flips); p > 0.05: no real difference.")
    print("  dsearch: topics as written; dsearch (peers' words): the lower-cased word list the peers get.")
    for name, why in r["skipped_peers"].items():
        print("  peer %s SKIPPED: %s" % (name, why))
    for n in r["notes"]:
        print("  note: " + n)
    best = r["best_peer_by_ndcg10"]
    if best:
        ds, bp = r["engines"]["dsearch"], r["engines"][best]
        print("  dsearch - best peer (%s): nDCG@10 %+.3f, MAP@10 %+.3f, P@10 %+.3f"
              % (best, ds["nDCG@10"] - bp["nDCG@10"], ds["MAP@10"] - bp["MAP@10"], ds["P@10"] - bp["P@10"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dindex", required=True)
    ap.add_argument("--dsearch", required=True)
    ap.add_argument("--corpora", required=True, help="the shared corpora folder")
    ap.add_argument("--peers-dir", required=True, help="the shared peers harness folder")
    ap.add_argument("--work", required=True, help="scratch folder (indexes, extracts, peer builds)")
    ap.add_argument("--json", help="write the figures here (default WORK/quality.json)")
    ap.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections: " + ",".join(SECTIONS))
    ap.add_argument("--peers", default="lucene xapian fts5", help='peer engines, space-separated ("" for none)')
    ap.add_argument("--install-peers", action="store_true", help="apt-get install missing peer packages")
    ap.add_argument("--html-peers", action="store_true",
                    help="boilerplate: also run Readability.js, readability-lxml and boilerpipe on the pages' HTML"
                         " (npm ci into WORK/html_peers; minutes on the first run, cached after)")
    ap.add_argument("--threads", type=int, default=nproc())
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    a = ap.parse_args()
    only = [s for s in a.only.split(",") if s]
    for s in only:
        if s not in SECTIONS:
            ap.error("unknown section %r" % s)
    os.makedirs(a.work, exist_ok=True)
    trec_eval.self_test()

    t0 = time.time()
    out = {"schema": SCHEMA_VERSION, "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
           "git": git_state(a.root), "cpus": nproc(), "sections": only, "seconds": {}}

    def timed(name, fn):
        print("running %s ..." % name, file=sys.stderr, flush=True)
        t = time.time()
        r = fn()
        out["seconds"][name] = round(time.time() - t, 1)
        return r

    if "countries" in only or "entities" in only:
        countries, entities = timed("reuters", lambda: reuters.evaluate(a.dindex, a.corpora, a.work, a.threads))
        if "countries" in only:
            out["countries"] = countries
        if "entities" in only:
            out["entities"] = entities
    if "boilerplate" in only:
        out["boilerplate"] = timed("boilerplate", lambda: boilerplate.evaluate(a.dindex, a.corpora, a.work, a.threads, a.root))
        if a.html_peers:
            out["boilerplate"]["html_peers"] = timed("html_peers", lambda: html_peers.evaluate(
                a.corpora, os.path.join(a.work, "html_peers"), a.threads, a.install_peers))
    if "ranking" in only:
        out["ranking"] = timed("ranking", lambda: ranking.evaluate(
            a.dindex, a.dsearch, a.corpora, a.peers_dir, os.path.join(a.work, "ranking"), a.peers.split(),
            a.install_peers))
    out["seconds"]["total"] = round(time.time() - t0, 1)

    print("dsearch quality benchmark, %s, commit %s%s" % (out["date"], (out["git"]["commit"] or "?")[:12],
                                                         " (+ uncommitted changes)" if out["git"]["dirty"] else ""))
    if "countries" in out:
        print_countries(out["countries"])
    if "boilerplate" in out:
        print_boilerplate(out["boilerplate"])
    if "ranking" in out:
        print_ranking(out["ranking"])
    if "entities" in out:
        print_entities(out["entities"])
    path = a.json or os.path.join(a.work, "quality.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("\n%s s in all (%s); figures written to %s" % (
        out["seconds"]["total"], ", ".join("%s %s s" % (k, v) for k, v in out["seconds"].items() if k != "total"), path))


if __name__ == "__main__":
    main()
