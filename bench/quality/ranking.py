"""Ranking quality on the TIME test collection (time-dev): dsearch against peer engines.

dsearch: the corpus is indexed with `dindex`; each topic goes to `dsearch --json --limit 1000` as
written (natural-language sentence, default OR ranking). A diagnostic row runs dsearch on the words
the peers get. Peers (/work/shared/peers engines, run directly: build, index, query with
WARMUP=0 REPS=1) get the topic's words lower-cased in the harness' neutral OR syntax; their
results.tsv hold a top 10, so for them only the @10 measures exist.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys

import trec_eval
from common import apt_install, read_jsonl, rnd

PEERS = {
    # name: (what it needs, Debian packages that provide it)
    "lucene": ("java, javac and /usr/share/java/lucene-core-8*.jar", "liblucene8-java openjdk-17-jdk-headless"),
    "xapian": ("g++ and xapian-config", "libxapian-dev g++ zlib1g-dev"),
    "fts5": ("python3 with SQLite FTS5", "python3"),
}
_WORDS = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")


def read_topics(path):
    topics = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                qid, _, text = line.rstrip("\n").partition("\t")
                topics.append((qid, text))
    return topics


def neutral(text):
    """The topic's words for the peers: lower case (so AND/OR/NOT are never operators), OR-ed."""
    return " ".join(_WORDS.findall(text.lower()))


def run_dsearch(dsearch, db, topics, make_query):
    run, failed = {}, []
    for qid, text in topics:
        p = subprocess.run([dsearch, "--db", db, "--json", "--limit", "1000", "--color", "never", "--", make_query(text)],
                           capture_output=True, text=True)
        if p.returncode not in (0, 1):
            failed.append((qid, p.stderr.strip()[:200]))
            continue
        run[qid] = [h["id"] for h in json.loads(p.stdout)["results"]]
    return run, failed


def peer_missing(name):
    """Why a peer cannot run here, or None."""
    if name == "lucene":
        if not (shutil.which("java") and shutil.which("javac")):
            return "java/javac not found"
        if not glob.glob("/usr/share/java/lucene-core-[0-9]*.jar"):
            return "Lucene jars not found"
    elif name == "xapian":
        if not (shutil.which(os.environ.get("CXX", "g++")) and shutil.which("xapian-config")):
            return "g++ or xapian-config not found"
    elif name == "fts5":
        try:
            import sqlite3
            sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(a)")
        except Exception as e:  # noqa: BLE001 - any failure means no FTS5
            return "SQLite FTS5 unavailable (%s)" % e
    return None


def install_peers(names):
    apt_install(" ".join(PEERS[n][1] for n in names).split())


def _step(cmd, log, env=None):
    with open(log, "w") as f:
        return subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, env=env).returncode == 0


def run_peer(name, peers_dir, work, corpus, queries):
    """Builds (once per engine version), indexes and queries; returns ({qid: top10}, None) or
    (None, reason)."""
    eng = os.path.join(peers_dir, "engines", name)
    if not os.path.isdir(eng):
        return None, "no engine at %s" % eng
    why = peer_missing(name)
    if why:
        return None, "%s (apt-get install %s, or run with --install-peers)" % (why, PEERS[name][1])
    d = os.path.join(work, name)
    build = os.path.join(d, "build")
    os.makedirs(d, exist_ok=True)
    stamp = os.path.join(build, ".built")
    newest = max(os.path.getmtime(p) for p in glob.glob(os.path.join(eng, "*")))
    if os.path.exists(os.path.join(eng, "build.sh")) and (not os.path.exists(stamp) or os.path.getmtime(stamp) < newest):
        shutil.rmtree(build, ignore_errors=True)
        if not _step([os.path.join(eng, "build.sh"), build], os.path.join(d, "build.log")):
            return None, "build failed, see %s/build.log" % d
        open(stamp, "w").close()
    os.makedirs(build, exist_ok=True)
    for sub in ("index", "prep"):
        shutil.rmtree(os.path.join(d, sub), ignore_errors=True)
    os.makedirs(os.path.join(d, "prep"))
    if os.path.exists(os.path.join(eng, "prepare.sh")) and not _step(
            [os.path.join(eng, "prepare.sh"), build, corpus, os.path.join(d, "prep")], os.path.join(d, "prepare.log")):
        return None, "prepare failed, see %s/prepare.log" % d
    if not _step([os.path.join(eng, "index.sh"), build, corpus, os.path.join(d, "index"), os.path.join(d, "prep")],
                 os.path.join(d, "index.log")):
        return None, "index failed, see %s/index.log" % d
    env = dict(os.environ, WARMUP="0", REPS="1")
    out = os.path.join(d, "q")
    if not _step([os.path.join(eng, "query.sh"), build, os.path.join(d, "index"), queries, out],
                 os.path.join(d, "query.log"), env):
        return None, "query failed, see %s/query.log" % d
    run = {}
    with open(out + ".results.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            c = line.rstrip("\n").split("\t")
            run[c[1].lstrip("T")] = c[5].split() if len(c) > 5 else []  # class column = T<qid>
    return run, None


def _summary(result, full):
    keys = (["MAP"] if full else []) + ["MAP@10", "P@10", "nDCG@10"]
    return {k: rnd(result[k]) for k in keys}


def evaluate(dindex, dsearch, corpora, peers_dir, work, peers, install=False):
    d = os.path.join(corpora, "time-dev")
    topics = read_topics(os.path.join(d, "topics.tsv"))
    qrels = trec_eval.read_qrels(os.path.join(d, "qrels.trec"))
    os.makedirs(work, exist_ok=True)

    db = os.path.join(work, "dsearch-index")
    shutil.rmtree(db, ignore_errors=True)
    p = subprocess.run([dindex, "--db", db, "--no-progress", os.path.join(d, "time.jsonl.gz")],
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("dindex failed on time-dev: " + p.stderr[-2000:])

    engines, per_query, notes = {}, {}, []
    for label, make in (("dsearch", lambda t: t), ("dsearch (peers' words)", neutral)):
        run, failed = run_dsearch(dsearch, db, topics, make)
        for qid, err in failed:
            notes.append("%s: topic %s failed: %s" % (label, qid, err))
        r = trec_eval.evaluate(run, qrels)
        engines[label] = {**_summary(r, True), "full_depth": True}
        per_query[label] = {q: rnd(m["nDCG@10"]) for q, m in r["per_query"].items()}

    corpus = os.path.join(work, "corpus.jsonl")
    with open(corpus, "w", encoding="utf-8") as f:
        for doc in read_jsonl(os.path.join(d, "time.jsonl.gz")):
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    queries = os.path.join(work, "queries.tsv")
    with open(queries, "w", encoding="utf-8") as f:
        for qid, text in topics:
            f.write("T%s\t%s\n" % (qid, neutral(text)))
    if install:
        missing = [n for n in peers if n in PEERS and peer_missing(n)]
        if missing:
            install_peers(missing)
    skipped = {}
    for name in peers:
        if name not in PEERS:
            skipped[name] = "unknown peer (known: %s)" % ", ".join(PEERS)
            continue
        print("  ranking: peer %s ..." % name, file=sys.stderr, flush=True)
        run, why = run_peer(name, peers_dir, os.path.join(work, "peers"), corpus, queries)
        if run is None:
            skipped[name] = why
            print("  ranking: peer %s SKIPPED: %s" % (name, why), file=sys.stderr)
            continue
        r = trec_eval.evaluate(run, qrels, full=False)
        engines[name] = {**_summary(r, False), "full_depth": False}
        per_query[name] = {q: rnd(m["nDCG@10"]) for q, m in r["per_query"].items()}

    base = per_query["dsearch"]
    for name in engines:
        if name != "dsearch":
            engines[name]["vs_dsearch_ndcg10"] = trec_eval.paired_test(base, per_query[name])
    best_peer = max((n for n in engines if not n.startswith("dsearch")), key=lambda n: engines[n]["nDCG@10"], default=None)
    return {"collection": "time-dev", "topics": len(topics),
            "judged_topics": sum(1 for r in qrels.values() if any(g > 0 for g in r.values())),
            "documents": sum(1 for _ in read_jsonl(os.path.join(d, "time.jsonl.gz"))),
            "engines": engines, "best_peer_by_ndcg10": best_peer, "skipped_peers": skipped,
            "per_query_ndcg10": per_query, "notes": notes}
