#!/usr/bin/env python3
"""Tables and JSON for bench/speed/run.sh (standard library only).

  report.py speed WORK [--json OUT]    dsearch vs the best peer, from WORK/mix14k (peers harness),
                                       WORK/rerun, WORK/e2e.tsv and WORK/fi-news
  report.py growth WORK/growth [--json OUT]

Ratios are dsearch / best peer. For throughput (articles/s, MB/s) higher is better; for time,
memory and size lower is better; the "verdict" column says which way it goes. Percentiles are
nearest-rank over all query x repetition samples of a class, as the harness computes them.
"""
import argparse, json, math, os, re, sys

CLASS_ORDER = ["HighTerm", "MedTerm", "LowTerm", "AndHighHigh", "AndHighMed", "OrHighHigh", "OrHighMed",
               "Phrase", "Entity"]


def pct(xs, p):
    if not xs:
        return None
    xs = sorted(xs)
    return xs[max(0, min(len(xs) - 1, math.ceil(p / 100.0 * len(xs)) - 1))]


def read_time(path):
    r = {}
    if not os.path.exists(path):
        return r
    for line in open(path, errors="replace"):
        line = line.strip()
        if line.startswith("Elapsed (wall clock)"):
            s = 0.0
            for x in line.rsplit(": ", 1)[1].split(":"):
                s = s * 60 + float(x)
            r["wall_s"] = s
        elif line.startswith("User time"):
            r["user_s"] = float(line.rsplit(": ", 1)[1])
        elif line.startswith("System time"):
            r["sys_s"] = float(line.rsplit(": ", 1)[1])
        elif line.startswith("Maximum resident set size"):
            r["peak_rss_mb"] = int(line.rsplit(": ", 1)[1]) / 1024.0
        elif line.startswith("Exit status"):
            r["exit"] = int(line.rsplit(": ", 1)[1])
    if "user_s" in r:
        r["cpu_s"] = r["user_s"] + r.get("sys_s", 0)
    return r


def read_rows(path):
    rows = []
    if not os.path.exists(path):
        return rows
    for line in open(path, encoding="utf-8"):
        if line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        while len(f) < 6:
            f.append("")
        rows.append({"cls": f[1], "total": int(f[2]),
                     "lat": [int(x) for x in f[3].split(",") if x not in ("", "-")]})
    return rows


def by_class(rows):
    out = {}
    for r in rows:
        out.setdefault(r["cls"], []).extend(r["lat"])
    return {c: {"p50": pct(xs, 50), "p95": pct(xs, 95), "p99": pct(xs, 99), "n": len(xs)} for c, xs in out.items()}


def f(x, nd=0):
    if x is None:
        return "-"
    if isinstance(x, float):
        return ("%." + str(nd) + "f") % x
    return str(x)


def table(headers, rows):
    w = [max([len(str(h))] + [len(str(r[i])) for r in rows]) for i, h in enumerate(headers)]
    line = lambda r: "  ".join(str(c).ljust(w[i]) if i == 0 else str(c).rjust(w[i]) for i, c in enumerate(r))
    return "\n".join([line(headers), "  ".join("-" * x for x in w)] + [line(r) for r in rows])


def compare(value, peers, higher_better):
    """(best peer name, its value, ratio dsearch/best, verdict)"""
    vals = [(v, p) for p, v in peers.items() if v is not None]
    if value is None or not vals:
        return None, None, None, "-"
    v, p = (max if higher_better else min)(vals)
    if not v:
        return p, v, None, "-"
    ratio = value / v
    if higher_better:
        verdict = "better" if ratio >= 1 else "%.1fx worse" % (1 / ratio) if ratio > 0 else "worse"
    else:
        verdict = "better" if ratio <= 1 else "%.1fx worse" % ratio
    return p, v, ratio, verdict


REF = "lucene"  # the closest in kind (in-process, stores the text): shown next to the best peer

INDEX_METRICS = [  # key in harness summary.json, label, higher is better, decimals
    ("docs_per_s", "articles/s", True, 0), ("mb_per_s", "MB/s", True, 2), ("index_wall_s", "wall s", False, 1),
    ("index_cpu_s", "CPU s", False, 1), ("index_peak_rss_mb", "peak RSS MB", False, 0),
    ("index_mb", "index MB", False, 1), ("index_pct_of_input", "index % of input", False, 0)]


def indexing_table(summ, me="dsearch"):
    peers = {p: s for p, s in summ["peers"].items() if p != me and not s.get("failed")}
    mine = summ["peers"].get(me, {})
    rows, out = [], {}
    for key, label, hb, nd in INDEX_METRICS:
        bp, bv, ratio, verdict = compare(mine.get(key), {p: s.get(key) for p, s in peers.items()}, hb)
        lv = peers.get(REF, {}).get(key)
        lr = mine.get(key) / lv if lv and mine.get(key) is not None else None
        rows.append([label, f(mine.get(key), nd), "%s %s" % (bp or "-", f(bv, nd)), f(ratio, 2), verdict,
                     f(lv, nd), f(lr, 2)])
        out[key] = {"dsearch": mine.get(key), "best_peer": bp, "best": bv, "ratio": ratio, REF: lv, "ratio_" + REF: lr}
    return table(["metric", "dsearch", "best peer", "dsearch/best", "verdict", REF, "dsearch/" + REF], rows), out


def index_pairs(dir, docs):
    """Lucene and dsearch building the same corpus again, alternately (run.sh --index-reps): the
    figures of each engine's builds, and dsearch's throughput over Lucene's pair by pair."""
    reps = {}
    for p in (REF, "dsearch"):
        for name in sorted(os.listdir(os.path.join(dir, p))) if os.path.isdir(os.path.join(dir, p)) else []:
            m = re.fullmatch(r"index\.rep(\d+)\.time", name)
            if m:
                t = read_time(os.path.join(dir, p, name))
                if t.get("wall_s"):
                    reps.setdefault(int(m.group(1)), {})[p] = t
    pairs = [reps[i] for i in sorted(reps) if len(reps[i]) == 2]
    if not pairs:
        return None, None
    rows, out = [], {"pairs": len(pairs)}
    for p in (REF, "dsearch"):
        walls = [x[p]["wall_s"] for x in pairs]
        cpus = [x[p]["cpu_s"] for x in pairs]
        med = pct(walls, 50)
        out[p] = {"wall_s": walls, "cpu_s": cpus, "median_wall_s": med, "median_cpu_s": pct(cpus, 50),
                  "articles_per_s": docs / med if med else None}
        rows.append([p, " ".join(f(w, 1) for w in walls), f(med, 1), f(pct(cpus, 50), 1), f(out[p]["articles_per_s"])])
    ratios = [x[REF]["wall_s"] / x["dsearch"]["wall_s"] for x in pairs]
    out["ratio_articles_per_s"] = {"median": pct(ratios, 50), "min": min(ratios), "max": max(ratios)}
    rows.append(["dsearch/" + REF + " articles/s", " ".join(f(r, 2) for r in ratios), f(pct(ratios, 50), 2), "", ""])
    t = table(["builds of each, alternately", "wall s", "median wall s", "median CPU s", "articles/s"], rows)
    return t, out


def print_index_pairs(dir, docs, res):
    t, out = index_pairs(dir, docs)
    if t:
        print("\n== The same corpus built again by %s and dsearch, alternately (%d pairs; a pair's ratio "
              "is steadier than the harness's single builds)" % (REF, out["pairs"]))
        print(t)
        res["index_pairs"] = out


def speed(work, json_out):
    res = {"work": work, "load": load_note(work)}
    if res["load"]:
        print("(1-minute load average during the run: %.1f to %.1f on %s cores; see WORK/steps.log)" % (
            res["load"]["min_1min_load"], res["load"]["max_1min_load"], os.cpu_count()))
    mix = os.path.join(work, "mix14k")
    summ = json.load(open(os.path.join(mix, "summary.json")))
    info = summ["input"]
    res["mix14k"] = {"input": info, "peers": summ["peers"]}
    print("\n==== dsearch vs the best peer, 14k mix (reuters21578 + bbc-news + gnad10k-test): %s articles, "
          "%.1f MB JSONL; WARMUP=%s REPS=%s" % (info.get("docs"), int(info.get("jsonl_bytes", 0)) / 1e6,
                                               info.get("warmup"), info.get("reps")))
    print("peers: " + ", ".join(p for p in summ["peers"] if p != "dsearch"))
    print("dsearch: " + summ["peers"].get("dsearch", {}).get("version", "?"))
    print("\n== Indexing (dsearch runs dindex with its default threads on %s cores; peers are single-threaded "
          "apart from Lucene's JVM; sphinx stores no text, fts5/lucene/xapian/omega do)" % info.get("host_cpus", "?"))
    t, res["mix14k"]["indexing_vs_best"] = indexing_table(summ)
    print(t)
    print_index_pairs(mix, int(info.get("docs", 0)), res["mix14k"])

    peers = {p: s for p, s in summ["peers"].items() if p != "dsearch" and not s.get("failed")}
    mine = summ["peers"].get("dsearch", {})
    core = by_class(read_rows(os.path.join(mix, "dsearch", "q.core.tsv")))
    classes = [c for c in CLASS_ORDER if c in mine.get("latency_us", {})] + \
              [c for c in mine.get("latency_us", {}) if c not in CLASS_ORDER]
    rows, qres = [], {}
    for c in classes:
        m = mine["latency_us"][c]
        r = [c]
        qres[c] = {"dsearch": m, "core": core.get(c)}
        for k in ("p50", "p99"):
            bp, bv, ratio, verdict = compare(m.get(k), {p: s.get("latency_us", {}).get(c, {}).get(k) for p, s in peers.items()}, False)
            lv = peers.get(REF, {}).get("latency_us", {}).get(c, {}).get(k)
            lr = m[k] / lv if lv and m.get(k) is not None else None
            r += [f(m.get(k)), "%s %s" % (bp or "-", f(bv)), f(ratio, 2), f(lr, 2)]
            qres[c][k + "_best_peer"], qres[c][k + "_best"], qres[c][k + "_ratio"] = bp, bv, ratio
            qres[c][k + "_ratio_" + REF] = lr
        cc = core.get(c, {})
        r.append("%s/%s" % (f(cc.get("p50")), f(cc.get("p99"))))
        # core does what the peers' adapters do (parse, match, ids), so this is the like-for-like ratio
        lref = peers.get(REF, {}).get("latency_us", {}).get(c, {})
        cr = [cc[k] / lref[k] if cc.get(k) is not None and lref.get(k) else None for k in ("p50", "p99")]
        r.append("%s/%s" % (f(cr[0], 2), f(cr[1], 2)))
        qres[c]["core_ratio_" + REF] = {"p50": cr[0], "p99": cr[1]}
        rows.append(r)
    print("\n== Query latency, us (Searcher.search, snippets off: parse + top 10 + reading the 10 hits + spelling "
          "check); core = parse + Enquire + ids from a value slot, no document read: what the peers' "
          "adapters time, so core/%s is the like-for-like ratio" % REF)
    print("(ratio = dsearch / best peer of the class; /%s = dsearch / %s)" % (REF, REF))
    print(table(["class", "dsearch p50", "best peer p50", "ratio", "/" + REF, "dsearch p99", "best peer p99", "ratio",
                 "/" + REF, "core p50/p99", "core/" + REF], rows))
    res["mix14k"]["query_vs_best"] = qres

    extra = by_class(read_rows(os.path.join(mix, "dsearch", "q.extra.tsv")))
    base = {c: mine.get("latency_us", {}).get(c, {}) for c in ("HighTerm", "MedTerm")}
    rows = []
    for c in ["Country+MedTerm", "Country+HighTerm", "Facets+MedTerm", "Facets+HighTerm", "Country+Browse"]:
        if c not in extra:
            continue
        e = extra[c]
        b = base.get(c.split("+", 1)[1], {})
        over = e["p50"] - b["p50"] if b.get("p50") is not None and e["p50"] is not None else None
        e["p50_minus_plain_p50"] = over
        rows.append([c, "%s/%s/%s" % (f(e["p50"]), f(e["p95"]), f(e["p99"])), f(over)])
    print("\n== dsearch-only classes, us p50/p95/p99 (Country: one of the 5 most frequent main countries; "
          "Facets: counts of country/person/org/source over every match; Browse: no words, --country, newest first)")
    print(table(["class", "p50/p95/p99", "p50 minus the unfiltered class p50"], rows))
    res["mix14k"]["extra_classes"] = extra

    sn = mine.get("snippet_us", {})
    bp, bv, ratio, verdict = compare(sn.get("p50"), {p: s.get("snippet_us", {}).get("p50") for p, s in peers.items()}, False)
    print("\n== Snippets for the top 10, us per query (dsearch: snippet() on the 10 hits' bodies, timed directly)")
    lv = peers.get(REF, {}).get("snippet_us", {}).get("p50")
    print(table(["", "dsearch p50/p95", "best peer p50", "dsearch/best", "verdict", REF + " p50", "dsearch/" + REF],
                [["snippets", "%s/%s" % (f(sn.get("p50")), f(sn.get("p95"))), "%s %s" % (bp or "-", f(bv)), f(ratio, 2),
                  verdict, f(lv), f(sn["p50"] / lv if lv and sn.get("p50") else None, 2)]]))
    res["mix14k"]["snippets_vs_best"] = {"dsearch": sn, "best_peer": bp, "best_p50": bv, "ratio": ratio}

    # re-runs
    R = os.path.join(work, "rerun")
    docs = int(info.get("docs", 0))
    rows, rr = [], {}
    labels = [("fresh", "fresh index (same corpus, own folder)"), ("unchanged", "re-run, nothing changed"),
              ("changed1pct", "re-run, 1% of bodies changed"), ("noargs", "re-run without arguments, nothing changed")]
    mod = open(os.path.join(R, "modify.info")).read().strip() if os.path.exists(os.path.join(R, "modify.info")) else ""
    for key, label in labels:
        t = read_time(os.path.join(R, key + ".time"))
        if not t:
            continue
        counts = {}
        try:
            counts = json.loads(open(os.path.join(R, key + ".out")).read().strip().splitlines()[-1])
        except (OSError, ValueError, IndexError):
            pass
        aps = docs / t["wall_s"] if t.get("wall_s") else None
        rr[key] = dict(t, counts=counts, articles_per_s=aps)
        rows.append([label, f(t.get("wall_s"), 2), f(t.get("cpu_s"), 2), f(aps), f(t.get("peak_rss_mb")),
                     " ".join("%s %s" % (k, v) for k, v in counts.items() if v)])
    print("\n== dindex re-runs on the 14k mix (articles/s = corpus articles / wall s); %s" % mod)
    print(table(["run", "wall s", "CPU s", "articles/s", "peak RSS MB", "counts"], rows))
    res["rerun"] = rr
    res["rerun"]["modify"] = mod

    # end-to-end processes
    e2e = []
    path = os.path.join(work, "e2e.tsv")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            p = line.rstrip("\n").split("\t")
            xs = [int(x) for x in p[1:]]
            e2e.append({"args": p[0], "p50_us": pct(xs, 50), "max_us": max(xs), "n": len(xs)})
        print("\n== Whole dsearch processes on the mix index (start, open, query, snippets, print to /dev/null), ms")
        print(table(["dsearch arguments", "p50 ms", "max ms", "runs"],
                    [[e["args"], f(e["p50_us"] / 1000.0, 1), f(e["max_us"] / 1000.0, 1), e["n"]] for e in e2e]))
    res["e2e"] = e2e

    fi = os.path.join(work, "fi-news", "summary.json")
    if os.path.exists(fi):
        fs = json.load(open(fi))
        print("\n== Indexing fi-news: %s short articles, %.1f MB JSONL" % (
            fs["input"].get("docs"), int(fs["input"].get("jsonl_bytes", 0)) / 1e6))
        t, fres = indexing_table(fs)
        print(t)
        res["fi_news"] = {"input": fs["input"], "peers": fs["peers"], "indexing_vs_best": fres}
        print_index_pairs(os.path.join(work, "fi-news"), int(fs["input"].get("docs", 0)), res["fi_news"])
    write_json(res, json_out)


def growth(gw, json_out):
    res = {"sizes": [], "load": load_note(gw)}
    sizes = sorted(int(d) for d in os.listdir(gw) if d.isdigit())
    rows = []
    for n in sizes:
        d = os.path.join(gw, str(n))
        t = read_time(os.path.join(d, "index.time"))
        if not t:
            continue
        du = os.path.join(d, "index.du_kb")
        index_mb = int(open(du).read()) / 1024.0 if os.path.exists(du) else None
        try:
            in_mb = os.path.getsize(os.path.join(d, "corpus.jsonl")) / 1e6
        except OSError:
            in_mb = None
        q = by_class(read_rows(os.path.join(d, "q.results.tsv")))
        allx = [x for r in read_rows(os.path.join(d, "q.results.tsv")) for x in r["lat"]]
        ex = by_class(read_rows(os.path.join(d, "q.extra.tsv")))
        qt = read_time(os.path.join(d, "query.time"))
        e = {"articles": n, "input_mb": in_mb, "index": t, "index_mb": index_mb,
             "articles_per_s": n / t["wall_s"] if t.get("wall_s") else None,
             "query_all": {"p50": pct(allx, 50), "p99": pct(allx, 99)}, "query_by_class": q, "extra_classes": ex,
             "query_peak_rss_mb": qt.get("peak_rss_mb"),
             "composition": open(os.path.join(d, "corpus.info")).read() if os.path.exists(os.path.join(d, "corpus.info")) else ""}
        res["sizes"].append(e)
        fh, fm = ex.get("Facets+HighTerm", {}), ex.get("Facets+MedTerm", {})
        rows.append([f(n), f(in_mb, 0), f(t.get("wall_s"), 1), f(t.get("cpu_s"), 1), f(e["articles_per_s"]),
                     f(t.get("peak_rss_mb")), f(index_mb, 0),
                     f(100.0 * index_mb * 1.048576 / in_mb if index_mb and in_mb else None) + "%",
                     "%s/%s" % (f(e["query_all"]["p50"]), f(e["query_all"]["p99"])),
                     "%s/%s" % (f(q.get("HighTerm", {}).get("p50")), f(q.get("HighTerm", {}).get("p99"))),
                     "%s/%s" % (f(fm.get("p50")), f(fm.get("p99"))), "%s/%s" % (f(fh.get("p50")), f(fh.get("p99")))])
    print("\n==== dsearch growth: sets of N articles drawn from reuters21578 + bbc-news + gnad10k-test + fi-news "
          "(shuffled, FRESH ids; past 359,703 articles the bodies repeat under new ids)")
    print(table(["articles", "input MB", "index s", "CPU s", "articles/s", "peak RSS MB", "index MB", "% input",
                 "query p50/p99 us", "HighTerm p50/p99", "Facets+Med p50/p99", "Facets+High p50/p99"], rows))
    print("(query = all harness classes pooled, Searcher.search with snippets off; Facets = the same term "
          "queries with facet counts over every match)")
    write_json(res, json_out)


def load_note(work):
    """The load averages logged at each step: a shared, busy VM makes every figure noisier."""
    path = os.path.join(work, "steps.log")
    if not os.path.exists(path):
        return None
    loads = [float(m.group(1)) for m in re.finditer(r"load ([0-9.]+) ", open(path).read())]
    return {"min_1min_load": min(loads), "max_1min_load": max(loads)} if loads else None


def write_json(res, path):
    if path:
        with open(path, "w") as fo:
            json.dump(res, fo, indent=1, sort_keys=True)
        print("\n(JSON: %s)" % path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["speed", "growth"])
    ap.add_argument("work")
    ap.add_argument("--json")
    a = ap.parse_args()
    (speed if a.mode == "speed" else growth)(a.work, a.json)


if __name__ == "__main__":
    sys.exit(main())
