#!/bin/sh
# PDF recall and speed of baomi-check on a public corpus: the test PDFs of
# pdf.js and the samples of pdfminer.six, fetched from their git
# repositories (not committed; skipped with a message when offline).
#
#   sh bench/check/pdf.sh [BAOMI_CHECK]
#
# Reference: the text that pdftotext (poppler-utils) and, when installed,
# mutool (mupdf-tools) extract from each file.  Keywords are taken from that
# text (up to two Latin words of 7+ letters and two runs of 2-3 Chinese or
# Japanese characters per file), and a keyword-file pair counts when either
# tool's text holds the keyword.  Recall is the share of those pairs that
# baomi-check reports.  Speed: files/s with --jobs 1 and --jobs 2 (fastest
# of REPS runs), beside ripgrep and ugrep reading the same PDFs through
# pdftotext, when installed.
#
# Pairs that are artefacts of a reference tool (text no reader shows, checked
# by rendering the page) are listed in bench/check/pdf-artefacts.txt with the
# evidence; the report counts them apart, and recall is given with and
# without them.
#
# Environment: PDF_CORPUS (default /tmp/baomi-check-pdfcorpus; an existing
# directory of PDFs is used as it is), REPS (default 1), OLD (another
# baomi-check binary to time beside, e.g. an earlier build), SPEED=0 for the
# recall alone.
set -eu

BC=${1:-build/check/baomi-check}
CORPUS=${PDF_CORPUS:-/tmp/baomi-check-pdfcorpus}
REPS=${REPS:-1}
OLD=${OLD:-}
SPEED=${SPEED:-1}
WORK=$(mktemp -d /tmp/baomi-check-pdfbench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

[ -x "$BC" ] || { echo "pdf.sh: no baomi-check at $BC (build it first)" >&2; exit 2; }
command -v pdftotext >/dev/null || { echo "pdf.sh: pdftotext (poppler-utils) is needed" >&2; exit 2; }

# Fetches one directory of a repository (shallow, sparse); 1 when offline.
fetch() { # URL SUBDIR DEST
	[ -d "$3" ] && return 0
	tmp="$3.tmp"
	rm -rf "$tmp"
	git clone -q --depth 1 --filter=blob:none --sparse "$1" "$tmp" 2>/dev/null || return 1
	git -C "$tmp" sparse-checkout set "$2" 2>/dev/null || return 1
	mkdir -p "$3"
	find "$tmp/$2" -type f -iname '*.pdf' -exec cp {} "$3/" \;
	rm -rf "$tmp"
}
if [ ! -d "$CORPUS" ]; then
	mkdir -p "$CORPUS"
	if ! fetch https://github.com/mozilla/pdf.js test/pdfs "$CORPUS/pdfjs" ||
		! fetch https://github.com/pdfminer/pdfminer.six samples "$CORPUS/pdfminer"; then
		rm -rf "$CORPUS"
		echo "pdf.sh: skipped: the corpus could not be fetched (offline?)."
		echo "        Set PDF_CORPUS to a directory of PDF files to use one at hand."
		exit 0
	fi
fi

NFILES=$(find "$CORPUS" -type f -iname '*.pdf' | wc -l)
echo "corpus: $CORPUS, $NFILES PDF files"

# Reference text of each file by each tool, cached beside the corpus.
REF="$CORPUS.ref"
mkdir -p "$REF"
HAVE_MUTOOL=0
command -v mutool >/dev/null && HAVE_MUTOOL=1
find "$CORPUS" -type f -iname '*.pdf' | sort > "$WORK/files"
ARTEFACTS=$(dirname "$0")/pdf-artefacts.txt
export REF HAVE_MUTOOL CORPUS ARTEFACTS
tr '\n' '\0' < "$WORK/files" | xargs -0 -P 2 -n 8 sh -c '
for f; do
	key=$(printf "%s" "${f#"$CORPUS"/}" | tr "/" "_")
	[ -f "$REF/$key.pdftotext" ] ||
		timeout 20 pdftotext -q "$f" "$REF/$key.pdftotext" 2>/dev/null ||
		: > "$REF/$key.pdftotext"
	[ -f "$REF/$key.pdftotext" ] || : > "$REF/$key.pdftotext"
	if [ "$HAVE_MUTOOL" = 1 ] && [ ! -f "$REF/$key.mutool" ]; then
		timeout 20 mutool draw -q -F txt -o "$REF/$key.mutool" "$f" 2>/dev/null ||
			: > "$REF/$key.mutool"
		[ -f "$REF/$key.mutool" ] || : > "$REF/$key.mutool"
	fi
done' sh
[ "$HAVE_MUTOOL" = 1 ] || echo "(mutool not installed: pdftotext is the only reference)"

# Keywords from the reference text, then the pairs either tool holds.
python3 - "$WORK" <<'EOF'
import os, re, sys
work = sys.argv[1]
ref, corpus = os.environ["REF"], os.environ["CORPUS"]
files = [l.rstrip("\n") for l in open(os.path.join(work, "files"), encoding="utf-8")]
latin = re.compile(r"[A-Za-z]{7,20}")
cjk = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]{2,}")
texts, kws = {}, []
seen = set()
for f in files:
    key = os.path.relpath(f, corpus).replace("/", "_")
    t = ""
    for tool in ("pdftotext", "mutool"):
        p = os.path.join(ref, key + "." + tool)
        if os.path.exists(p):
            t += open(p, encoding="utf-8", errors="replace").read() + "\n"
    texts[f] = t
    words = latin.findall(t)
    runs = [r[:3] if len(r) >= 3 else r for r in cjk.findall(t)]
    for cand in (words[:1] + words[len(words) // 2:len(words) // 2 + 1] +
                 runs[:1] + runs[len(runs) // 2:len(runs) // 2 + 1]):
        if cand not in seen:
            seen.add(cand)
            kws.append(cand)
with open(os.path.join(work, "kw.txt"), "w", encoding="utf-8") as o:
    o.write("\n".join(kws) + "\n")
pairs = 0
with open(os.path.join(work, "pairs"), "w", encoding="utf-8") as o:
    for f, t in texts.items():
        if not t:
            continue
        for k in kws:
            if k in t:
                o.write(f + "\t" + k + "\n")
                pairs += 1
print("keywords: %d (from the reference text), keyword-file pairs: %d" % (len(kws), pairs))
EOF

"$BC" scan --keywords "$WORK/kw.txt" --jobs 2 -o "$WORK/bc.json" "$CORPUS" || true
python3 - "$WORK" <<'EOF'
import json, os, re, sys
work = sys.argv[1]
cjk = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
r = json.load(open(os.path.join(work, "bc.json"), encoding="utf-8"))
got = {(h["path"], h["keyword"]) for h in r["hits"]}
errs = {e["path"]: e["reason"] for e in r["errors"]}
ref = [tuple(l.rstrip("\n").split("\t", 1)) for l in open(os.path.join(work, "pairs"), encoding="utf-8")]
def show(label, ps):
    hit = sum(1 for p in ps if p in got)
    print("recall %-8s %6.2f%%  (%d of %d pairs)" % (label, 100.0 * hit / len(ps) if ps else 100, hit, len(ps)))
arte = {}
if os.path.exists(os.environ["ARTEFACTS"]):
    for l in open(os.environ["ARTEFACTS"], encoding="utf-8"):
        x = l.rstrip("\n").split("\t")
        if len(x) >= 3 and not l.startswith("#"):
            arte[(x[0], x[1])] = x[2]
corpus = os.environ["CORPUS"]
def rel(f):
    return os.path.relpath(f, corpus)
show("all", ref)
real = [p for p in ref if (rel(p[0]), p[1]) not in arte]
show("readers", real)
for p in ref:
    a = arte.get((rel(p[0]), p[1]))
    if a is not None:
        print("  reference artefact%s: %s %s: %s" % (" (found)" if p in got else "", rel(p[0]), p[1], a))
show("Latin", [p for p in ref if not cjk.search(p[1])])
show("CJK", [p for p in ref if cjk.search(p[1])])
miss = [p for p in real if p not in got]
why = {}
for f, k in miss:
    w = errs.get(f, "no error reported")
    w = re.sub(r"\(.*", "", w)[:70]
    why[w] = why.get(w, 0) + 1
print("missed pairs (of those a reader sees) by the file's error:")
for w, n in sorted(why.items(), key=lambda x: -x[1])[:8]:
    print("  %5d  %s" % (n, w))
with open(os.environ.get("PDF_MISSES", os.path.join(work, "misses")), "w", encoding="utf-8") as o:
    for f, k in miss:
        o.write(f + "\t" + k + "\n")
EOF

[ "$SPEED" = 1 ] || exit 0

# Speed: files per second, fastest of REPS runs.
best() { # COMMAND...
	b=""
	i=0
	while [ $i -lt "$REPS" ]; do
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1 || true
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc -l)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
		i=$((i + 1))
	done
	echo "$b"
}
rate() { # LABEL SECONDS
	printf '%-34s %7.2f s  %7.1f files/s\n' "$1" "$2" "$(echo "$NFILES / $2" | bc -l)"
}
for j in 1 2; do
	rate "baomi-check --jobs $j" "$(best "$BC" scan --keywords "$WORK/kw.txt" --jobs $j -o /dev/null "$CORPUS")"
	if [ -n "$OLD" ]; then
		rate "baomi-check (OLD) --jobs $j" \
			"$(best "$OLD" scan --keywords "$WORK/kw.txt" --jobs $j -o /dev/null "$CORPUS")"
	fi
done
printf '#!/bin/sh\nexec timeout 20 pdftotext -q "$1" - 2>/dev/null\n' > "$WORK/pre.sh"
chmod +x "$WORK/pre.sh"
if command -v rg >/dev/null; then
	rate "ripgrep --pre pdftotext -j2" \
		"$(best rg -j2 -F -c --pre "$WORK/pre.sh" -f "$WORK/kw.txt" "$CORPUS")"
fi
if command -v ugrep >/dev/null; then
	rate "ugrep --filter pdftotext -J2" \
		"$(best ugrep -J2 -F -c -r --filter="pdf:timeout 20 pdftotext -q % -" -f "$WORK/kw.txt" "$CORPUS")"
fi
