import sys; sys.path.insert(0,'tests')
from corpus_cases import *
from pipeline import extract
import collections
which=sys.argv[1]
fails=0; n=0
for c in cases(which+'.yaml'):
    n+=1
    d=extract(c['text'], c['id'], c.get('doc_date'))
    if which=='dates':
        got=sorted({x.value for x in d.dates}); exp=sorted(set(c['values']))
        ok = got==exp
        info=(exp,got,[(x.text,x.rule) for x in d.dates])
    elif which=='resolutions':
        got=sorted({(norm(r.kind),norm_number(r.number)) for r in d.resolutions}); exp=sorted({(norm(r['kind']),norm_number(str(r['number']))) for r in c['resolutions']})
        ok=got==exp; info=(exp,got)
    elif which=='people':
        got={norm(p.name):p.title_texts() for p in d.people}; exp={norm(p['name']):p.get('titles',[]) for p in c['people']}
        ok=set(got)==set(exp) and all(any(token_f1(t,g)>=0.7 for g in got[k]) for k in exp for t in exp[k])
        info=(exp,got)
    else:
        got=[t.text for t in d.tasks]; exp=[t['text'] for t in c['tasks']]
        ok=len(got)==len(exp) and all(any(token_f1(e,g)>=0.7 for g in got) for e in exp)
        info=(exp,got)
    if not ok:
        fails+=1
        if '-v' in sys.argv: print(c['id'], '|', c['text'][:150].replace('\n',' / '), '\n   ', info)
print(which, 'fail', fails, 'of', n)
