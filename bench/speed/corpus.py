#!/usr/bin/env python3
"""Corpus variants for bench/speed/run.sh (standard library only).

  corpus.py modify IN.jsonl OUT.jsonl [--fraction 0.01] [--seed 7]
      Copy of IN with a fraction of the bodies altered (same ids, same order): every changed article
      gets one sentence appended to its body. Prints how many were changed.
  corpus.py grow OUT.jsonl --size N [--seed 7] POOL.jsonl[.gz]...
      N articles drawn from the pools (all articles of all pools, shuffled with the seed; cycled
      when N is larger than the pools), each with a FRESH id "g<k>/<original id>" so that repeats
      are new articles to the indexer. Prints the composition.
"""
import argparse, gzip, json, random, sys


def lines(path):
    op = gzip.open if path.endswith(".gz") else open
    with op(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield line


def modify(a):
    all_lines = list(lines(a.inp))
    n = len(all_lines)
    pick = set(random.Random(a.seed).sample(range(n), round(n * a.fraction)))
    with open(a.out, "w", encoding="utf-8") as out:
        for i, line in enumerate(all_lines):
            if i in pick:
                d = json.loads(line)
                d["body"] = (d.get("body") or "") + ("\n\nCorrection: an earlier version of this article "
                                                     "misstated a figure (benchmark edit %d)." % i)
                line = json.dumps(d, ensure_ascii=False) + "\n"
            out.write(line)
    print("modified %d of %d articles (%.2f%%), same ids" % (len(pick), n, 100.0 * len(pick) / max(n, 1)))


def grow(a):
    pool = []
    for p in a.pools:
        for line in lines(p):
            pool.append((p, line))
    rnd = random.Random(a.seed)
    rnd.shuffle(pool)
    counts = {}
    written = 0
    with open(a.out, "w", encoding="utf-8") as out:
        k = 0
        while written < a.size:
            for src, line in pool:
                if written >= a.size:
                    break
                d = json.loads(line)
                d["id"] = "g%d/%s" % (k, d.get("id") or written)
                out.write(json.dumps(d, ensure_ascii=False) + "\n")
                counts[src] = counts.get(src, 0) + 1
                written += 1
            k += 1
    print("wrote %d articles with fresh ids (pool %d articles, %d pass(es); repeats are exact copies of a body under a new id)" % (
        written, len(pool), k))
    for src, c in sorted(counts.items()):
        print("  %-60s %d" % (src, c))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("modify")
    m.add_argument("inp")
    m.add_argument("out")
    m.add_argument("--fraction", type=float, default=0.01)
    m.add_argument("--seed", type=int, default=7)
    g = sub.add_parser("grow")
    g.add_argument("out")
    g.add_argument("pools", nargs="+")
    g.add_argument("--size", type=int, required=True)
    g.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    {"modify": modify, "grow": grow}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
