"""Boilerplate removal and metadata detection on trafilatura-eval and readability-test-pages.

Each page's `body` (the naive visible text WITH boilerplate) goes through `dindex --extract` with
only its id: no title, date, source or language hints, so title and date are what dindex detects.
Measures follow tests/unit/page_test.cc (PageQuality.*):
- trafilatura: a "with" snippet found in the kept text is a true positive, one not found a miss; a
  "without" snippet found is a false positive. Leak rate: kept "without" snippets over those present
  in the page at all. Snippets and texts are compared with whitespace runs squashed to one space.
- readability: bag-of-words overlap with the expected article text (lower-cased alphanumeric
  tokens, bytes >= 0x80 count as letters), micro-averaged over pages.
Baselines: the whole page, and only its lines of 80+ characters. score_snippets and score_tokens
also score the extractors that read the HTML (html_peers.py, --html-peers).
"""
import collections
import json
import os
import re
import tarfile
import unicodedata

from common import Counts, extract, read_jsonl, rnd, write_jsonl

_SPACE = re.compile(r"[ \n\t\r]+")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def squash(s):
    return _SPACE.sub(" ", s).strip(" ")


def long_lines(s):
    return "\n".join(line for line in s.split("\n") if len(line.encode("utf-8")) >= 80)


def bag(s):
    """page_test.cc's bag(): ASCII alphanumerics and any non-ASCII byte make words, ASCII lower-cased."""
    words = collections.Counter()
    for w in re.findall(rb"[A-Za-z0-9\x80-\xff]+", s.encode("utf-8")):
        words[w.lower()] += 1
    return words


def add_overlap(c, got, expected):
    g, e = bag(got), bag(expected)
    inter = sum(min(n, e[w]) for w, n in g.items() if w in e)
    c.add(tp=inter, fp=sum(g.values()) - inter, fn=sum(e.values()) - inter)


def share(n, d):
    return rnd(n / d) if d else None


def loose(s):
    """Title compared loosely: NFKC, case-folded, only letters and digits."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", s).casefold() if ch.isalnum())


class Metadata:
    def __init__(self):
        self.titles = self.title_exact = self.title_loose = self.title_empty = self.title_in_page = 0
        self.dates = self.date_ok = self.date_none = 0

    def add(self, got, want_title, want_date, page):
        if want_title:
            self.titles += 1
            self.title_in_page += loose(want_title) in loose(page)
            self.title_exact += squash(got.get("title") or "") == squash(want_title)
            self.title_loose += loose(got.get("title") or "") == loose(want_title)
            self.title_empty += not got.get("title")
        if want_date:
            self.dates += 1
            self.date_ok += got.get("date") == want_date
            self.date_none += not got.get("date")

    def as_dict(self):
        return {"titles": self.titles, "title_exact": share(self.title_exact, self.titles),
                "title_loose": share(self.title_loose, self.titles),
                "title_missing": share(self.title_empty, self.titles),
                "title_in_page": share(self.title_in_page, self.titles),
                "dates": self.dates, "date_exact": share(self.date_ok, self.dates),
                "date_missing": share(self.date_none, self.dates)}


def _extract_bodies(dindex, pages, name, work, threads):
    """dindex's extraction, and that of its heuristic stage alone (no line model)."""
    path = os.path.join(work, name + ".input.jsonl")
    write_jsonl(path, ({"id": p["id"], "body": p["body"]} for p in pages))
    return (extract(dindex, [path], os.path.join(work, name + ".extract.jsonl"), threads),
            extract(dindex, [path], os.path.join(work, name + ".heuristic.jsonl"), threads,
                    {"DSEARCH_BOILERPLATE_MODEL": "none"}))


def model_cross_validation(root):
    """The by-site cross-validated figures train.py recorded in the shipped line model, or None.
    The model was trained on these very pages, so the figures of the shipped model are in-sample."""
    path = os.path.join(root, "indexer", "data", "boilerplate_model.txt")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# cv "):
                return json.loads(line[5:])
            if not line.startswith("#"):
                break
    return None


def trafilatura_pages(corpora):
    """The trafilatura-eval pages that evaldata.json annotates, and evaldata.json (keyed by URL)."""
    d = os.path.join(corpora, "trafilatura-eval")
    with open(os.path.join(d, "evaldata.json"), encoding="utf-8") as f:
        evaldata = json.load(f)
    return [p for p in read_jsonl(os.path.join(d, "trafilatura-eval.jsonl.gz")) if p.get("url") in evaldata], evaldata


def score_snippets(pages, evaldata, texts):
    """The with/without snippets against each kind of kept text; texts: {row: {page id: text}}, a page
    missing from a row keeping nothing. Returns {row: Counts}, {row: `without` snippets kept} and how
    many `without` snippets the page's `body` holds at all: every row's leak rate is over those, so
    rows that start from the page text and rows that start from the HTML are comparable."""
    counts, leaked, without_in_page = {k: Counts() for k in texts}, dict.fromkeys(texts, 0), 0
    for p in pages:
        e = evaldata[p["url"]]
        page = squash(p["body"])
        kept = {k: squash(t.get(p["id"], "")) for k, t in texts.items()}
        for s in e.get("with", []):
            w = squash(s)
            for k, text in kept.items():
                counts[k].add(tp=w in text, fn=w not in text)
        for s in e.get("without", []):
            w = squash(s)
            without_in_page += w in page
            for k, text in kept.items():
                counts[k].add(fp=w in text)
                leaked[k] += w in page and w in text
    return counts, leaked, without_in_page


def _rows(pages, got, heur):
    """The texts scored, by row: dindex's kept text, its heuristic stage's, and the two baselines."""
    return {"dindex": {i: a.get("body", "") for i, a in got.items()},
            "heuristic": {i: a.get("body", "") for i, a in heur.items()},
            "whole_page": {p["id"]: p["body"] for p in pages},
            "lines_80": {p["id"]: long_lines(p["body"]) for p in pages}}


def trafilatura(dindex, corpora, work, threads):
    pages, evaldata = trafilatura_pages(corpora)
    got, heur = _extract_bodies(dindex, pages, "trafilatura", work, threads)
    counts, leaked, without_in_page = score_snippets(pages, evaldata, _rows(pages, got, heur))
    meta = Metadata()
    for p in pages:
        e = evaldata[p["url"]]
        date = e.get("date") or ""
        meta.add(got.get(p["id"], {}), e.get("title") or "", date if _DATE.match(date) else "", p["body"])
    return {"pages": len(pages), "pages_without_output": sum(1 for p in pages if p["id"] not in got),
            "snippets": {k: c.as_dict() for k, c in counts.items()},
            "without_leak_rate": share(leaked["dindex"], without_in_page),
            "heuristic_leak_rate": share(leaked["heuristic"], without_in_page),
            "without_in_page": without_in_page, "without_leaked": leaked["dindex"],
            "metadata": meta.as_dict()}


def _readability_dates(d):
    """publishedTime of expected-metadata.json (date part as written), by page name."""
    dates = {}
    tar = os.path.join(d, "test-pages.tar.xz")
    if not os.path.exists(tar):
        return dates
    with tarfile.open(tar) as t:
        for m in t:
            parts = m.name.split("/")
            if len(parts) == 3 and parts[2] == "expected-metadata.json":
                meta = json.load(t.extractfile(m))
                day = (meta.get("publishedTime") or "")[:10]
                if _DATE.match(day):
                    dates[parts[1]] = day
    return dates


def readability_pages(corpora):
    """The readability-test-pages pages that have an expected article, and {page id: expected text}."""
    d = os.path.join(corpora, "readability-test-pages")
    expected = {r["id"]: r["article_text"] for r in read_jsonl(os.path.join(d, "readability-test-pages.expected.jsonl.gz"))}
    return [p for p in read_jsonl(os.path.join(d, "readability-test-pages.jsonl.gz")) if p["id"] in expected], expected


def score_tokens(pages, expected, texts):
    """Bag-of-words overlap of each kind of kept text with the expected article, summed over the
    pages; texts: {row: {page id: text}}, a page missing from a row keeping nothing."""
    counts = {k: Counts() for k in texts}
    for p in pages:
        for k, t in texts.items():
            add_overlap(counts[k], t.get(p["id"], ""), expected[p["id"]])
    return counts


def readability(dindex, corpora, work, threads):
    pages, expected = readability_pages(corpora)
    got, heur = _extract_bodies(dindex, pages, "readability", work, threads)
    counts = score_tokens(pages, expected, _rows(pages, got, heur))
    dates = _readability_dates(os.path.join(corpora, "readability-test-pages"))
    meta = Metadata()
    for p in pages:
        meta.add(got.get(p["id"], {}), p.get("title") or "", dates.get(p["id"], ""), p["body"])
    return {"pages": len(pages), "pages_without_output": sum(1 for p in pages if p["id"] not in got),
            "tokens": {k: c.as_dict() for k, c in counts.items()},
            "metadata": meta.as_dict()}


def evaluate(dindex, corpora, work, threads, root):
    return {"trafilatura": trafilatura(dindex, corpora, work, threads),
            "readability": readability(dindex, corpora, work, threads),
            "model_cross_validation": model_cross_validation(root)}
