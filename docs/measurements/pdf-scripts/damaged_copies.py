"""200 randomly damaged copies of the sample PDFs, audited with each extractor, each letter
compared with its text twin. Run from the repository root:
    IMRCHECK=target/release/imrcheck python3 docs/measurements/pdf-scripts/damaged_copies.py
"""
import collections, glob, json, os, random, subprocess, tempfile

B = os.environ.get('IMRCHECK', 'target/release/imrcheck')
random.seed(10)
src = sorted(glob.glob('fixtures/pdf/text/*.pdf'))
out = tempfile.mkdtemp()
for i in range(200):
    s = src[i % 5]
    d = bytearray(open(s, 'rb').read())
    kind = random.choice(['scramble', 'scramble', 'truncate', 'zero'])
    if kind == 'scramble':
        for _ in range(random.randint(1, 4)):
            at = random.randrange(len(d) - 40)
            for j in range(at, at + 40):
                d[j] = random.randrange(256)
    elif kind == 'truncate':
        d = d[:random.randrange(len(d) // 10, len(d))]
    else:
        at = random.randrange(len(d) - 500)
        d[at:at + 500] = b'\0' * 500
    open(f'{out}/{i:03d}_{os.path.basename(s)}', 'wb').write(d)

def key(report):
    return [(i['request'], i['verdict'], i['agreement'], i['visits_requested'], i['prior_visits']) for i in report['items']]

twins = {}
for t in glob.glob('fixtures/letters/00[0-4]_*.txt'):
    twins[os.path.basename(t)[:-4]] = key(json.loads(subprocess.run([B, 'check', '--format', 'json', t], capture_output=True, text=True).stdout))
for ex in ['builtin', 'pdftotext']:
    lines = subprocess.run([B, 'audit', out, '--extractor', ex, '--progress', 'never'], capture_output=True, text=True).stdout.splitlines()
    c = collections.Counter()
    for l in lines:
        r = json.loads(l)
        if 'summary' in r:
            continue
        twin = twins[os.path.basename(r['letter'])[4:-4]]
        if r['errors']:
            c['named ' + (r.get('error_kind') or 'other')] += 1
        else:
            same = 'same as twin' if key(r) == twin else 'DIFFERENT from twin'
            c[('read with a warning, ' if r['warnings'] else 'read, no warning, ') + same] += 1
    print(ex, dict(sorted(c.items())))
