#!/usr/bin/env python3
"""Checks heldout/labels.json against its texts and the registry (no extractor involved).

- labels.json parses; every listed file exists
- every anchor is 5-40 characters, occurs exactly once in its file, holds no line break,
  and paragraph anchors come in file order (footnote anchors after the first paragraph)
- every identifier is "kind id" with a known kind, and the id exists in the registry
  (resolutions and documents: a well-formed UN symbol)
- identifiers are distinct within a paragraph (must and may together)
- paper headers: symbol printed in the file, ISO date, numbered paragraphs 1..n
Prints counts per language and kind.  Exit status 1 on any problem.
"""
import collections, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "../../../.."))
REG = os.path.join(ROOT, "Data/registry")

def load(name):
    with open(os.path.join(REG, name), encoding="utf-8") as fh:
        return json.load(fh)

states = {s["id"] for s in load("states.json")["states"]}
orgs = {o["id"] for o in load("organizations.json")["organizations"]}
treaties = {t["id"] for t in load("treaties.json")["treaties"]}
cm = load("commitments.json")
commitments = {c["id"] for c in cm["commitments"]} | {i["id"] for i in cm["instruments"]}

RES = re.compile(r"^(A/RES/\d+/\d+( [A-Z])?|S/RES/\d+ \(\d{4}\))$")
DOC = re.compile(r"^[A-Z]+(/[A-Za-z0-9.]+)+( \((Vol\. [IVX]+|Part [IVX]+)\))?$")
KINDS = {"commitment": commitments.__contains__, "treaty": treaties.__contains__,
         "state": states.__contains__, "organization": orgs.__contains__,
         "resolution": RES.match, "document": DOC.match}

problems = []
def bad(*a):
    problems.append(" ".join(str(x) for x in a))

with open(os.path.join(HERE, "labels.json"), encoding="utf-8") as fh:
    data = json.load(fh)

counts = collections.defaultdict(collections.Counter)
seen_wp = set()
for d in data["documents"]:
    path = os.path.join(HERE, d["file"])
    if not os.path.exists(path):
        bad(d["file"], "missing"); continue
    text = open(path, encoding="utf-8").read()
    lang = d["language"]
    if not d["file"].startswith(lang + "-") or d["style"] not in ("statement", "news", "paper"):
        bad(d["file"], "language/style")
    last = -1
    def check_entry(e, where, ordered):
        global last
        an = e["anchor"]
        if not (5 <= len(an) <= 40):
            bad(d["file"], where, "anchor length", repr(an))
        if "\n" in an or "\f" in an:
            bad(d["file"], where, "anchor crosses a line", repr(an))
        n = text.count(an)
        if n != 1:
            bad(d["file"], where, "anchor occurs", n, "times:", repr(an)); return
        pos = text.index(an)
        if ordered:
            if pos <= last:
                bad(d["file"], where, "anchor out of order", repr(an))
            last = pos
        ids = e["must"] + e.get("may", [])
        if len(ids) != len(set(ids)):
            bad(d["file"], where, "duplicate identifiers", ids)
        for tag, lst in (("must", e["must"]), ("may", e.get("may", []))):
            for ref in lst:
                kind, _, ident = ref.partition(" ")
                if kind not in KINDS or not ident or not KINDS[kind](ident):
                    bad(d["file"], where, "unknown identifier", repr(ref))
                counts[lang][(tag, kind)] += 1
    for i, p in enumerate(d["paragraphs"]):
        check_entry(p, "paragraph %s" % (p.get("number") or i + 1), True)
        counts[lang][("para", "")] += 1
    for f in d.get("footnotes", []):
        check_entry(f, "footnote %s" % f["number"], False)
        if text.index(f["anchor"]) < text.index(d["paragraphs"][0]["anchor"]):
            bad(d["file"], "footnote before body")
    if d["style"] == "paper":
        h = d["header"]
        if h["symbol"] not in text:
            bad(d["file"], "symbol not printed")
        m = re.search(r"WP\.(\d+)$", h["symbol"])
        if not m or not 60 <= int(m.group(1)) <= 99 or m.group(1) in seen_wp:
            bad(d["file"], "WP number")
        else:
            seen_wp.add(m.group(1))
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", h["date"]):
            bad(d["file"], "date")
        nums = [p["number"] for p in d["paragraphs"]]
        if nums != [str(k) for k in range(1, len(nums) + 1)]:
            bad(d["file"], "paragraph numbers", nums)
    else:
        if any(p.get("number") for p in d["paragraphs"]) or "header" in d:
            bad(d["file"], "statement/news with numbers or header")

for lang in ("en", "fr", "es", "ru", "ar", "zh"):
    c = counts[lang]
    kinds = ["commitment", "treaty", "resolution", "document", "state", "organization"]
    must = {k: c[("must", k)] for k in kinds}
    may = {k: c[("may", k)] for k in kinds}
    print("%s  paragraphs %3d  must %3d %s  may %2d" % (lang, c[("para", "")], sum(must.values()),
          " ".join("%s=%d" % (k, v) for k, v in must.items()), sum(may.values())))
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("labels.json OK:", len(data["documents"]), "documents")
