"""Reuters-21578: main countries vs PLACES, and people/organizations vs PEOPLE/ORGS, from the
articles as `dindex --extract` sees them. Same counting as tests/unit/entities_reuters_test.cc."""
import collections
import os
import re
import unicodedata

from common import Counts, extract, rnd

HERE = os.path.dirname(os.path.abspath(__file__))


def place_codes(path=os.path.join(HERE, "reuters_places.tsv")):
    codes = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, code = line.rstrip("\n").split("\t")
            codes[name] = code
    return codes


def read_gold(dirpath):
    """{NEWID=n: (set of ISO codes, [people], [orgs])}; unknown place names abort the run."""
    codes = place_codes()
    places, people, orgs = {}, {}, {}
    with open(os.path.join(dirpath, "places.tsv"), encoding="utf-8") as f:
        for line in f:
            doc, _, names = line.rstrip("\n").partition("\t")
            got = set()
            for n in filter(None, names.split(",")):
                if n not in codes:
                    raise SystemExit("reuters_places.tsv has no ISO code for Reuters place %r" % n)
                got.add(codes[n])
            places[doc] = got
    with open(os.path.join(dirpath, "labels.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 10:
                people[c[0]] = [x for x in c[8].split(",") if x]
                orgs[c[0]] = [x for x in c[9].split(",") if x]
    return places, people, orgs


# --- entity_key: common/src/schema.cc (ICU words, NFKC case fold, possessive and apostrophes
# removed, abbreviation dots dropped, accents stripped), approximated with the standard library.
_WORD = re.compile(r"\w+(?:[.'\u2019\u02bc\u2018]\w+)*\.?")


def entity_key(name):
    words = []
    for w in _WORD.findall(unicodedata.normalize("NFKC", name).casefold()):
        w = w.rstrip(".") if w.count(".") == 1 and w.endswith(".") else w
        w = re.sub(r"['\u2019\u02bc\u2018]s$", "", w)
        w = re.sub(r"['\u2019\u02bc\u2018]", "", w)
        if re.search(r"[^\W\d_]", w):
            w = w.replace(".", "")
        w = "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))
        if w:
            words.append(unicodedata.normalize("NFC", w))
    return words


def same_person(gold, shown):
    """"james-baker" and "James A. Baker" meet on the last name; Chinese names on the first too."""
    g = [x for x in gold.split("-") if x]
    o = entity_key(shown)
    if not g or not o:
        return False
    return g[-1] == o[-1] or (len(g) > 1 and len(o) > 1 and g[0] == o[0])


_ORG_SKIP = {"of", "the", "and", "for", "on"}


def add_matches(counts, gold, shown, same):
    """A gold name shown is a hit, one not shown a miss; a shown name matching no gold one a false positive."""
    for g in gold:
        hit = any(same(g, x) for x in shown)
        counts.add(tp=hit, fn=not hit)
    counts.add(fp=sum(1 for x in shown if not any(same(g, x) for g in gold)))


def same_org(gold, shown):
    """"ec", "worldbank", "ico-coffee" vs "European Community", "World Bank": initials or squeezed."""
    base = gold.split("-")[0]
    words = entity_key(shown)
    initials = "".join(w[0] for w in words if w not in _ORG_SKIP)
    return base == initials or base == "".join(words)


def evaluate(dindex, corpora, work, threads):
    dirpath = os.path.join(corpora, "reuters21578")
    arts = extract(dindex, [os.path.join(dirpath, "reuters21578.jsonl.gz")],
                   os.path.join(work, "reuters.extract.jsonl"), threads)
    places, people, orgs = read_gold(dirpath)

    main, mention, person, org = Counts(), Counts(), Counts(), Counts()
    per_country = collections.defaultdict(Counts)
    confusions = collections.Counter()
    docs = missing = 0
    for doc, gold in places.items():
        if not gold:
            continue
        docs += 1
        a = arts.get(doc)
        if a is None:
            missing += 1
        got = set(a["main_countries"]) if a else set()
        mentioned = set(a["countries"]) if a else set()
        missed, extra = [], []
        for c in sorted(gold):
            hit = c in got
            main.add(tp=hit, fn=not hit)
            per_country[c].add(tp=hit, fn=not hit)
            mention.add(tp=c in mentioned, fn=c not in mentioned)
            if not hit:
                missed.append(c)
        for c in sorted(got - gold):
            main.add(fp=1)
            per_country[c].add(fp=1)
            extra.append(c)
        for m in missed or ["-"]:
            for x in extra or ["-"]:
                if m != "-" or x != "-":
                    confusions[(m, x)] += 1

    ent_docs = {"people": 0, "orgs": 0}
    for doc, a in arts.items():
        for kind, labels, counts, same in (("people", people, person, same_person), ("orgs", orgs, org, same_org)):
            gold = labels.get(doc, [])
            if gold:
                ent_docs[kind] += 1
                add_matches(counts, gold, a[kind], same)

    supported = {c: k for c, k in per_country.items() if k.tp + k.fn > 0}
    n = len(supported)
    macro = {"precision": sum(k.p for k in supported.values()) / n, "recall": sum(k.r for k in supported.values()) / n,
             "f1": sum(k.f1 for k in supported.values()) / n, "countries": n}
    worst_countries = sorted(per_country.items(), key=lambda kv: (-(kv[1].fp + kv[1].fn), kv[0]))[:20]
    countries = {
        "articles_with_places": docs, "articles_not_extracted": missing,
        "main_micro": main.as_dict(), "main_macro": {k: rnd(v) for k, v in macro.items()},
        "places_recall_in_mentions": rnd(mention.r),
        "worst_countries": [{"country": c, **k.as_dict()} for c, k in worst_countries],
        "worst_confusions": [{"expected": m, "got": x, "count": v}
                             for (m, x), v in sorted(confusions.items(), key=lambda kv: (-kv[1], kv[0]))[:20]],
    }
    entities = {"people": {**person.as_dict(), "articles": ent_docs["people"]},
                "orgs": {**org.as_dict(), "articles": ent_docs["orgs"]}}
    return countries, entities
