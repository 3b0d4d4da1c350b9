"""HTML extractors on the raw HTML (--html-peers): a reference for dindex's boilerplate figures.

dindex gets each page's text (the `body` of the .jsonl.gz: its visible text, one HTML block per
line); these extractors get the page's HTML, with the markup dindex never sees (tags, classes, ids,
links). They run on the same pages and are scored by the same functions as dindex's rows
(boilerplate.score_snippets and score_tokens): on trafilatura-eval the leak rate is over the same
`without` snippets, those present in the page's `body`.

- Readability.js: npm @mozilla/readability on jsdom, pinned in html_peers/package*.json and
  installed with `npm ci` into WORK/node (never into the repository); html_peers/readability.js.
- readability-lxml: Debian's python3-readability under /usr/bin/python3; html_peers/readability_lxml.py.
- boilerpipe's ArticleExtractor: Debian's libboilerpipe-java on Java 17; html_peers/Boilerpipe.java.

Each page of pages.tar.xz / test-pages.tar.xz is decoded once here and written as UTF-8, so every
extractor reads the same characters. Both Readability ports give HTML, turned into text by the one
html_text() below; boilerpipe gives text. An extractor that is missing (and not installed with
--install-peers) or fails is skipped with the reason. Outputs are cached in WORK, keyed by the
extractor's version, its script and the input tar's size and mtime.
"""
import codecs
import hashlib
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import unicodedata

import boilerplate
from common import apt_install

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "html_peers")
# The URL Readability's own test suite gives jsdom for its test pages.
READABILITY_TEST_URL = "http://fakehost/test/page.html"

# ---------------------------------------------------------------------------------------------------
# Pages: decoded once, as a browser would, and written as UTF-8 with a manifest for the extractors.

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w:.]+)""", re.I)
# Labels whose WHATWG decoder is another codec than Python's of the same name.
_WHATWG = {"iso-8859-1": "windows-1252", "latin1": "windows-1252", "us-ascii": "windows-1252",
           "ascii": "windows-1252", "gb2312": "gb18030", "gbk": "gb18030",
           # a <meta> naming UTF-16 in a page that is bytes, not UTF-16, means UTF-8 (WHATWG prescan)
           "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8"}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode(raw):
    """(text, charset): a BOM; else UTF-8 when the bytes are valid UTF-8 (pages declaring another
    charset that are valid UTF-8 are UTF-8: readability's qq says gb2312); else the <meta> charset,
    bad bytes replaced as a browser does; else windows-1252."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(enc, "replace"), enc
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(raw)
    enc = m.group(1).decode("ascii").lower() if m else "windows-1252"
    enc = _WHATWG.get(enc, enc)
    try:
        if not codecs.lookup(enc)._is_text_encoding:  # "base64" and the like name no charset
            enc = "windows-1252"
    except LookupError:
        enc = "windows-1252"
    return raw.decode(enc, "replace"), enc


# Part of the decoded pages' (and so the outputs') cache key: bump it when decode() changes.
DECODING = 2


def _tar_key(path):
    st = os.stat(path)
    return "%d-%d-d%d" % (st.st_size, int(st.st_mtime), DECODING)


def write_pages(tar_path, pick, work, name, ids):
    """Decodes the tar members that pick(member name) maps to (page id, url) into WORK/pages/NAME-KEY/
    as N.html; returns the manifest ("id<TAB>url<TAB>file" lines) and the decoding notes. Done once
    per tar and choice of pages (`ids`, part of the key): the manifest is written last."""
    chosen = hashlib.sha1("\n".join(sorted(ids)).encode("utf-8")).hexdigest()[:8]
    d = os.path.join(work, "pages", "%s-%s-%s" % (name, _tar_key(tar_path), chosen))
    manifest, notes_path = os.path.join(d, "manifest.tsv"), os.path.join(d, "decoding.json")
    if os.path.exists(manifest):
        with open(notes_path, encoding="utf-8") as f:
            return manifest, json.load(f)
    os.makedirs(d, exist_ok=True)
    lines, notes = [], {"charsets": {}, "replaced_characters": {}}
    with tarfile.open(tar_path) as t:
        for m in t:
            hit = m.isfile() and pick(m.name)
            if not hit:
                continue
            pid, url = hit
            text, enc = decode(t.extractfile(m).read())
            notes["charsets"][enc] = notes["charsets"].get(enc, 0) + 1
            if "\ufffd" in text:  # bytes the charset could not decode (or U+FFFD in the page itself)
                notes["replaced_characters"][pid] = text.count("\ufffd")
            assert "\t" not in pid + url and "\n" not in pid + url, pid  # the manifest's separators
            path = os.path.join(d, "%d.html" % len(lines))
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            lines.append("%s\t%s\t%s\n" % (pid, url, path))
    with open(notes_path, "w", encoding="utf-8") as f:
        json.dump(notes, f, ensure_ascii=False)
    with open(manifest + ".tmp", "w", encoding="utf-8") as f:
        f.writelines(lines)
    os.replace(manifest + ".tmp", manifest)
    return manifest, notes


# ---------------------------------------------------------------------------------------------------
# HTML to text, one block per line: a snippet that spans inline elements (<a>, <em>, <span>) still
# matches after squash(), and words in different blocks never run together.

_BLOCKS = frozenset("""address article aside blockquote br caption dd details dialog div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section
    summary table tbody td tfoot th thead tr ul""".split())
# Not <noscript>: jsdom and lxml parse it as markup, and what an extractor keeps there is its choice.
_HIDDEN = frozenset(("script", "style", "template", "title"))


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden, self.pre = [], 0, 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in _HIDDEN
        self.pre += tag == "pre"
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        self.hidden = max(0, self.hidden - (tag in _HIDDEN))
        self.pre = max(0, self.pre - (tag == "pre"))
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:  # a line break in the source is a space, except in <pre>
            self.parts.append(data if self.pre else data.replace("\r", " ").replace("\n", " "))


def html_text(markup):
    p = _Text()
    p.feed(markup)
    p.close()
    lines = (boilerplate.squash(line) for line in "".join(p.parts).split("\n"))
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------------------------------------------
# The extractors. setup(work, install) returns (version, argv before MANIFEST OUT, environment,
# files whose content keys the cache) or raises Skip with the reason.

class Skip(Exception):
    pass


def _debian(pkgs, probe, install):
    """probe()'s answer once the Debian packages are there (installed first with --install-peers)."""
    got = probe()
    if not got and install:
        apt_install(pkgs)
        got = probe()
    if not got:
        raise Skip("not installed (apt-get install %s, or run with --install-peers)" % " ".join(pkgs))
    return got


def _dpkg_version(pkg):
    p = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", pkg], capture_output=True, text=True)
    # 1.2.0-2, 0.8.1+dfsg1-3: the upstream version
    return re.split(r"[-+~]", p.stdout.strip())[0] if p.returncode == 0 and p.stdout.strip() else None


def _read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def setup_readability_js(work, install):
    if not (shutil.which("node") and shutil.which("npm")):
        raise Skip("node and npm not found (Node.js 20.19+ with npm)")
    d = os.path.join(work, "node")
    os.makedirs(d, exist_ok=True)
    lock = os.path.join(HERE, "package-lock.json")
    stamp = os.path.join(d, "node_modules", ".dsearch-lock")  # the lock npm ci last installed
    want = _read(lock)
    if not os.path.exists(stamp) or _read(stamp) != want:
        for f in ("package.json", "package-lock.json"):
            shutil.copy(os.path.join(HERE, f), d)
        log = os.path.join(work, "npm-ci.log")
        print("  html peers: npm ci in %s ..." % d, file=sys.stderr, flush=True)
        with open(log, "w") as f:
            rc = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=d, stdout=f,
                                stderr=subprocess.STDOUT).returncode
        if rc:
            raise Skip("npm ci failed (%d), see %s" % (rc, log))
        with open(stamp, "w", encoding="utf-8") as f:
            f.write(want)
    with open(os.path.join(d, "node_modules", "@mozilla", "readability", "package.json"), encoding="utf-8") as f:
        version = json.load(f)["version"]
    return (version, ["node", os.path.join(HERE, "readability.js")],
            dict(os.environ, NODE_PATH=os.path.join(d, "node_modules")), [lock])


def setup_readability_lxml(work, install):
    def probe():
        if not os.path.exists("/usr/bin/python3"):
            return None
        p = subprocess.run(["/usr/bin/python3", "-c", "import readability; print(readability.__version__)"],
                           capture_output=True, text=True)
        return p.stdout.strip() if p.returncode == 0 else None
    version = _debian(["python3-readability"], probe, install)
    return version, ["/usr/bin/python3", os.path.join(HERE, "readability_lxml.py")], None, []


_BOILERPIPE_JARS = ["/usr/share/java/%s.jar" % j for j in ("boilerpipe", "nekohtml", "xercesImpl")]


def setup_boilerpipe(work, install):
    def probe():
        ok = shutil.which("java") and shutil.which("javac") and all(map(os.path.exists, _BOILERPIPE_JARS))
        return ok and _dpkg_version("libboilerpipe-java")
    version = _debian(["libboilerpipe-java", "openjdk-17-jdk-headless"], probe, install)
    return version, ["java", "-cp", ":".join(_BOILERPIPE_JARS), os.path.join(HERE, "Boilerpipe.java")], None, []


PEERS = (  # JSON key, name, setup
    ("readability_js", "Readability.js", setup_readability_js),
    ("readability_lxml", "readability-lxml", setup_readability_lxml),
    ("boilerpipe", "boilerpipe ArticleExtractor", setup_boilerpipe),
)


def _digest(paths):
    h = hashlib.sha1()
    for p in paths:
        with open(p, "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:10]


# Readability.js takes about 0.3 s a page: 990 pages on one process would be 5 minutes.
EXTRACTOR_TIMEOUT = 1800


def run_extractor(key, version, argv, env, keyed, manifest, work, threads):
    """The extractor's rows for the pages of the manifest, {id: row}, and the seconds it took (cached
    run: the seconds of the run that made the cache), or raises Skip. The pages are split into
    `threads` shards, each run by its own process."""
    cache = os.path.join(work, "out", "%s-%s-%s-%s.json" % (
        key, version, os.path.basename(os.path.dirname(manifest)), _digest(keyed + [argv[-1]])))
    if os.path.exists(cache):
        try:
            with open(cache, encoding="utf-8") as f:
                c = json.load(f)
            return c["rows"], c["seconds"], True
        except (ValueError, KeyError):  # cut short by a kill or a full disk: run again
            os.remove(cache)
    os.makedirs(os.path.dirname(cache), exist_ok=True)
    with open(manifest, encoding="utf-8") as f:
        lines = f.readlines()
    shards = [lines[k::threads] for k in range(threads) if lines[k::threads]]
    t, procs = time.time(), []
    try:
        for k, shard in enumerate(shards):
            base = "%s.part%d" % (cache, k)
            with open(base + ".tsv", "w", encoding="utf-8") as f:
                f.writelines(shard)
            with open(base + ".log", "w") as log:
                procs.append((base, subprocess.Popen(argv + [base + ".tsv", base + ".jsonl"], env=env,
                                                     stdout=log, stderr=subprocess.STDOUT)))
        deadline = t + EXTRACTOR_TIMEOUT
        try:
            codes = [(base, p.wait(timeout=max(1, deadline - time.time()))) for base, p in procs]
        except subprocess.TimeoutExpired:
            raise Skip("no answer after %d s (a page that hangs it?), see %s.part*.log" % (EXTRACTOR_TIMEOUT, cache))
        failed = ["exited %d, see %s.log" % (rc, base) for base, rc in codes if rc]
        if failed:
            raise Skip("; ".join(failed))
        seconds = round(time.time() - t, 1)
        rows = {}
        for base, _ in procs:
            with open(base + ".jsonl", encoding="utf-8") as f:
                rows.update((r["id"], r) for r in map(json.loads, f))
        with open(cache + ".tmp", "w", encoding="utf-8") as f:
            json.dump({"seconds": seconds, "threads": len(shards), "rows": rows}, f, ensure_ascii=False)
        os.replace(cache + ".tmp", cache)
    finally:
        for base, p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
            for part in (base + ".tsv", base + ".jsonl"):
                if os.path.exists(part):
                    os.remove(part)
            if os.path.exists(base + ".log") and os.path.getsize(base + ".log") == 0:
                os.remove(base + ".log")  # logs that say something stay
    return rows, seconds, False


def _texts(rows):
    """{id: kept text} of the extractor's rows, and the ids of pages that failed (error) or that
    gave no text (Readability: parse() returned null). No-break spaces become spaces, as in the
    page text dindex gets (its `body` has none), else a snippet across an &nbsp; would not match."""
    texts, errors, empty = {}, {}, []
    for pid, r in rows.items():
        if "error" in r:
            errors[pid] = r["error"]
        texts[pid] = (r["text"] if "text" in r else html_text(r.get("html") or "")).replace("\xa0", " ")
        if not texts[pid] and "error" not in r:
            empty.append(pid)
    return texts, errors, empty


def evaluate(corpora, work, threads, install):
    traf_pages, evaldata = boilerplate.trafilatura_pages(corpora)
    read_pages, expected = boilerplate.readability_pages(corpora)
    # tar member -> (page id, url). trafilatura: eval/FILE or cache/FILE, joined on evaldata's `file`
    # after NFC; readability: test-pages/ID/source.html.
    by_file = {unicodedata.normalize("NFC", evaldata[p["url"]]["file"]): (p["id"], p["url"]) for p in traf_pages}
    by_member = {"test-pages/%s/source.html" % p["id"]: (p["id"], READABILITY_TEST_URL) for p in read_pages}
    try:
        sets = {
            "trafilatura": write_pages(os.path.join(corpora, "trafilatura-eval", "pages.tar.xz"),
                                       lambda n: by_file.get(unicodedata.normalize("NFC", n.rsplit("/", 1)[-1])),
                                       work, "trafilatura", [p["id"] for p in traf_pages]),
            "readability": write_pages(os.path.join(corpora, "readability-test-pages", "test-pages.tar.xz"),
                                       by_member.get, work, "readability", [p["id"] for p in read_pages]),
        }
    except (OSError, tarfile.TarError, EOFError) as e:  # the rest of the benchmark still reports
        print("  html peers SKIPPED: the pages could not be read: %s" % e, file=sys.stderr)
        return {"extractors": {}, "skipped": {"all": "the pages could not be read: %s" % e}, "decoding": {}}
    out = {"extractors": {}, "skipped": {}, "decoding": {k: notes for k, (_, notes) in sets.items()}}
    for key, name, setup in PEERS:
        print("  html peers: %s ..." % key, file=sys.stderr, flush=True)
        try:
            version, argv, env, keyed = setup(work, install)
            runs = {s: run_extractor(key, version, argv, env, keyed, manifest, work, threads)
                    for s, (manifest, _) in sets.items()}
        except (Skip, OSError, ValueError) as e:  # ValueError: output that is not JSON
            out["skipped"][name] = str(e)
            print("  html peers: %s SKIPPED: %s" % (key, e), file=sys.stderr)
            continue
        r = {"name": "%s %s on the HTML" % (name, version), "version": version}
        for s, (rows, seconds, cached) in runs.items():
            texts, errors, empty = _texts(rows)
            pages = traf_pages if s == "trafilatura" else read_pages
            r[s] = {"pages": len(pages), "pages_missing": sum(1 for p in pages if p["id"] not in rows),
                    "errors": errors, "no_text": sorted(empty), "seconds": seconds, "cached": cached}
            if s == "trafilatura":
                counts, leaked, without_in_page = boilerplate.score_snippets(pages, evaldata, {key: texts})
                r[s].update(snippets=counts[key].as_dict(), without_leaked=leaked[key], without_in_page=without_in_page,
                            without_leak_rate=boilerplate.share(leaked[key], without_in_page))
            else:
                r[s]["tokens"] = boilerplate.score_tokens(pages, expected, {key: texts})[key].as_dict()
        out["extractors"][key] = r
    return out
