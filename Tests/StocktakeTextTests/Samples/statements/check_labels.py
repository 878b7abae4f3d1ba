# Checks labels.json: every anchor occurs once, one anchor per paragraph in order, every id exists in the registry.
import json, re, os
base=os.path.dirname(os.path.abspath(__file__))
reg=os.path.join(base,'../../../../Data/registry')
L=json.load(open(f'{base}/labels.json'))
states={s['id'] for s in json.load(open(f'{reg}/states.json'))['states']}
orgs={o['id'] for o in json.load(open(f'{reg}/organizations.json'))['organizations']}
treaties={t['id'] for t in json.load(open(f'{reg}/treaties.json'))['treaties']}
cm=json.load(open(f'{reg}/commitments.json'))
comms={c['id'] for c in cm['commitments']}|{i['id'] for i in cm['instruments']}
res_re=re.compile(r'^A/RES/\d+/\d+( [A-Z])?$')
doc_re=re.compile(r'^[A-Z]+(/[A-Za-z0-9.]+)+( \((Vol\. [IVX]+|Part [IVX]+|Parts [IVX]+ and [IVX]+)\))?$')
ok=True
def bad(*m):
    global ok; ok=False; print('ERROR',*m)
from collections import Counter
counts={}
files=set()
for d in L['documents']:
    f=d['file']; files.add(f); text=open(f'{base}/{f}',encoding='utf-8').read()
    # paragraph segmentation
    if d['style']=='flattened':
        starts=[m.start() for m in re.finditer(r'(?m)^\d+(\.|\s-)\s', text)]
        spans=[(s, starts[i+1] if i+1<len(starts) else len(text)) for i,s in enumerate(starts)]
    else:
        spans=[]; pos=0
        for blk in re.split(r'(\n\s*\n)', text):
            if blk.strip() and not re.fullmatch(r'\n\s*\n',blk): spans.append((pos,pos+len(blk)))
            pos+=len(blk)
    if len(spans)!=len(d['paragraphs']): bad(f,'paragraphs in file',len(spans),'labelled',len(d['paragraphs']))
    if not (5<=len(spans)<=9): print('note',f,'has',len(spans),'paragraphs')
    seen=[]
    for p in d['paragraphs']:
        a=p['anchor']
        if not (5<=len(a)<=40): bad(f,'anchor length',a,len(a))
        if '\n' in a or '\f' in a: bad(f,'anchor has break',a)
        n=text.count(a)
        if n!=1: bad(f,'anchor count',n,a); continue
        i=text.index(a)
        idx=[k for k,(s,e) in enumerate(spans) if s<=i<e]
        if not idx: bad(f,'anchor outside paragraphs',a); continue
        seen.append(idx[0])
        ids=p['must']+p['may']
        if len(set(p['must']))!=len(p['must']): bad(f,'dup must',a)
        if set(p['must'])&set(p['may']): bad(f,'must/may overlap',a)
        for x in ids:
            kind,_,i2=x.partition(' ')
            v={'state':i2 in states,'organization':i2 in orgs,'treaty':i2 in treaties,'commitment':i2 in comms,
               'resolution':bool(res_re.match(i2)),'document':bool(doc_re.match(i2))}.get(kind)
            if not v: bad(f,'unknown id',x)
        for x in p['must']:
            counts.setdefault(d['language'],Counter())[x.split(' ')[0]]+=1
        counts.setdefault('perfile',Counter())[f]+=len(p['must'])
    if seen!=list(range(len(spans))): bad(f,'anchors not one per paragraph in order',seen)
assert files==set(x for x in os.listdir(base) if x.endswith('.txt')), files
print('OK' if ok else 'FAILED')
for k,v in counts.items(): print(k, dict(v), sum(v.values()))
