import re,subprocess,glob,os,difflib,time
import sys; B=os.environ.get('IMRCHECK', 'target/release/imrcheck')
CASE=r"(?:[a-z ]{0,60}?\s)?(?:imr\s+)?case\s+(?:number|no\.?)\s*:?\s*[A-Z]{2}\d{2}-\d{5,8}"
PAGE=r"page\s+\d+\s+of\s+\d+"; SEP=r"\s*[-|,\u2013\u2014]?\s*"
FURN=re.compile(rf"(?i)^\s*(?:{PAGE}|\d+\s*/\s*\d+|[A-Z]{{2}}\d{{2}}-\d{{5,8}}|{CASE}(?:{SEP}{PAGE})?|{PAGE}{SEP}{CASE})\s*$")
def clean(t):
    lines=[l.strip() for l in t.split('\n') if l.strip() and not FURN.match(l)]
    out=''
    for i,l in enumerate(lines):
        nxt=lines[i+1] if i+1<len(lines) else ''
        stem=l[:-1].rstrip() if l.endswith('-') else None
        if stem is not None and len(l)>2 and stem[-1:].isalpha() and nxt[:1].islower(): out+=stem
        else: out+=l+' '
    return re.sub(r'\s+',' ',out).split()
for ex in [[],['--extractor','pdftotext']]:
    tot=0;n=0
    for twin in sorted(glob.glob('fixtures/letters/00[0-4]_*.txt')):
        stem=os.path.basename(twin)[:-4]
        t0=time.time()
        pdf=subprocess.run([B,'text',f'fixtures/pdf/text/{stem}.pdf']+ex,capture_output=True,text=True).stdout
        dt=time.time()-t0
        a=clean(open(twin,errors='replace').read()); b=clean(pdf)
        r=difflib.SequenceMatcher(None,a,b,autojunk=False).ratio()
        tot+=r;n+=1
        print(ex[1] if ex else 'pdf-extract', stem[:3], f'{r:.4f}', f'{dt*1000:.0f} ms')
    print('mean', f'{tot/n:.4f}')
