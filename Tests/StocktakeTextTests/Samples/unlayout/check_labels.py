# Checks labels.json for the UN-layout working papers: it parses; every anchor (5-40 chars, no line break)
# occurs exactly once in its file and lies in the paragraph or footnote it labels; every identifier exists
# in the registry (or is a well-formed resolution/document symbol); header fields are printed in the masthead.
import json, re, os, sys
from collections import Counter, defaultdict
base = os.path.dirname(os.path.abspath(__file__))
reg = os.path.join(base, '../../../../Data/registry')
L = json.load(open(f'{base}/labels.json', encoding='utf-8'))
states = {s['id'] for s in json.load(open(f'{reg}/states.json'))['states']}
orgs = {o['id'] for o in json.load(open(f'{reg}/organizations.json'))['organizations']}
treaties = {t['id'] for t in json.load(open(f'{reg}/treaties.json'))['treaties']}
cm = json.load(open(f'{reg}/commitments.json'))
comms = {c['id'] for c in cm['commitments']} | {i['id'] for i in cm['instruments']}
res_re = re.compile(r'^A/RES/\d+/\d+( [A-Z])?$')
doc_re = re.compile(r'^[A-Z]+(/[A-Za-z0-9.]+)+( \((Vol\. [IVX]+|Part [IVX]+|Parts [IVX]+ and [IVX]+)\))?$')
ok = True
def bad(*m):
    global ok; ok = False; print('ERROR', *m)
def valid(x):
    kind, _, i = x.partition(' ')
    return {'state': i in states, 'organization': i in orgs, 'treaty': i in treaties, 'commitment': i in comms,
            'resolution': bool(res_re.match(i)), 'document': bool(doc_re.match(i))}.get(kind, False)
para_re = re.compile(r'^\s*(\d+)(?:\.|\s-)\s')
note_re = re.compile(r'^\s*(?:\((\d+)\)|([¹²³⁴])|(\d+))\s')
sup = {'¹': '1', '²': '2', '³': '3', '⁴': '4'}
counts = defaultdict(Counter); perfile = {}
for d in L['documents']:
    f = d['file']; text = open(f'{base}/{f}', encoding='utf-8').read()
    lines = text.replace('\f', '\n').split('\n')
    h = d['header']
    stripped = [x.strip() for x in lines]
    if h['symbol'] not in text[:600]: bad(f, 'symbol not in masthead')
    if h['title'] not in stripped: bad(f, 'title line not printed', h['title'])
    else:
        nxt = stripped[stripped.index(h['title']) + 1]
        if not nxt.endswith(h['submitter']) and not nxt.startswith(h['submitter']): bad(f, 'submitter not on the line after the title')
    # paragraph starts in sequence, and footnote lines, by line index
    starts = {}; expect = 1; notes = {}
    for k, ln in enumerate(lines):
        m = para_re.match(ln)
        if m and int(m.group(1)) == expect:
            starts[k] = m.group(1); expect += 1; continue
        m = note_re.match(ln)
        if m and ln.startswith(' ') or (m and m.group(1)):
            n = m.group(1) or sup.get(m.group(2) or '', None) or m.group(3)
            if n and n not in notes.values() and not para_re.match(ln):
                notes[k] = n
    def where(anchor):
        k = next(i for i, ln in enumerate(lines) if anchor in ln)
        if k in notes: return ('note', notes[k])
        p = [i for i in starts if i <= k]
        return ('para', starts[max(p)]) if p else (None, None)
    total = 0
    for group, key in (('para', 'paragraphs'), ('note', 'footnotes')):
        for p in d.get(key, []):
            a = p['anchor']
            if not (5 <= len(a) <= 40): bad(f, 'anchor length', a)
            if '\n' in a or '\f' in a: bad(f, 'anchor has a break', a)
            n = text.count(a)
            if n != 1: bad(f, 'anchor occurs', n, 'times:', a); continue
            g, num = where(a)
            if (g, num) != (group, p['number']): bad(f, 'anchor', a, 'is in', g, num, 'not', group, p['number'])
            if len(set(p['must'])) != len(p['must']): bad(f, 'duplicate must', a)
            if set(p['must']) & set(p['may']): bad(f, 'must/may overlap', a)
            for x in p['must'] + p['may']:
                if not valid(x): bad(f, 'unknown identifier', x)
            for x in p['must']: counts[d['language']][x.split(' ')[0]] += 1
            total += len(p['must'])
    if [p['number'] for p in d['paragraphs']] != list(starts.values()): bad(f, 'labelled paragraphs', [p['number'] for p in d['paragraphs']], 'printed', list(starts.values()))
    perfile[f] = total
files = {d['file'] for d in L['documents']}
on_disk = {x for x in os.listdir(base) if x.endswith('.txt')}
if files != on_disk: bad('files labelled', sorted(files ^ on_disk))
print('OK' if ok else 'FAILED')
for f in sorted(perfile): print(f'  {f}: {perfile[f]} required references')
for l in ['en', 'fr', 'es', 'ru', 'ar', 'zh']:
    if l in counts: print(l, dict(sorted(counts[l].items())), sum(counts[l].values()))
sys.exit(0 if ok else 1)
