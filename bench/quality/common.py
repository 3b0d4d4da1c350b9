"""Shared helpers of the quality benchmark: reading corpora, running the real binaries, counting
precision/recall, printing aligned tables."""
import gzip
import json
import os
import subprocess
import sys


def read_jsonl(path):
    """Yields the objects of a JSON Lines file, gzipped or not."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def extract(dindex, inputs, out_path, threads, env=None):
    """Runs `dindex --extract` over the inputs; returns {id: article as the indexer sees it}.
    Articles dindex drops (no text found) are simply absent. `env` adds environment variables."""
    with open(out_path, "w", encoding="utf-8") as out:
        p = subprocess.run([dindex, "--extract", "--no-progress", "-j", str(threads), *inputs],
                           stdout=out, stderr=subprocess.PIPE, text=True,
                           env=dict(os.environ, **env) if env else None)
    if p.returncode not in (0, 1):
        sys.exit("dindex --extract failed (%d): %s" % (p.returncode, p.stderr[-2000:]))
    return {a["id"]: a for a in read_jsonl(out_path)}


class Counts:
    """True/false positives and misses; precision, recall and F1 (0 when undefined)."""

    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, tp=0, fp=0, fn=0):
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def p(self):
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self):
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self):
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def as_dict(self):
        return {"precision": rnd(self.p), "recall": rnd(self.r), "f1": rnd(self.f1),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def rnd(x, nd=4):
    return round(x, nd) if isinstance(x, float) else x


def f3(x):
    return "-" if x is None else "%.3f" % x


def pct(x):
    return "-" if x is None else "%.1f%%" % (100 * x)


def table(headers, rows, indent="  "):
    """Left-aligned first column, right-aligned others."""
    rows = [[str(c) for c in r] for r in rows]
    w = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells):
        return indent + "  ".join(c.ljust(w[i]) if i == 0 else c.rjust(w[i]) for i, c in enumerate(cells)).rstrip()

    return "\n".join([line(headers), indent + "  ".join("-" * x for x in w)] + [line(r) for r in rows])


def heading(text):
    return "\n" + text + "\n" + "=" * len(text)


def apt_install(pkgs):
    """apt-get install of the Debian packages a peer needs (as root); the caller checks again after."""
    print("installing peer packages: apt-get install -y %s" % " ".join(pkgs), file=sys.stderr)
    subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", *pkgs], check=False)


def nproc():
    return os.cpu_count() or 1
