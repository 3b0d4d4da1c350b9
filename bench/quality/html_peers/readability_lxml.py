"""readability-lxml over the pages of a manifest, for bench/quality --html-peers (see ../html_peers.py).

    /usr/bin/python3 readability_lxml.py MANIFEST OUT

Debian's python3 (package python3-readability), not the python3 that runs the benchmark. Rows as
readability.js: {"id", "html"} with Document(html).summary(), or {"id", "error"}.
"""
import json
import sys

from readability import Document


def main(manifest, out_path):
    with open(manifest, encoding="utf-8") as m, open(out_path, "w", encoding="utf-8") as out:
        for line in m:
            pid, url, path = line.rstrip("\n").split("\t")
            row = {"id": pid}
            try:
                with open(path, encoding="utf-8") as f:
                    row["html"] = Document(f.read(), url=url or None).summary()
            except Exception as e:  # noqa: BLE001 - one page's failure must not stop the others
                row["error"] = ("%s: %s" % (type(e).__name__, e))[:300]
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
