#!/bin/sh
# bench/check/corpus.sh — baomi-check on real public documents, per format,
# with ripgrep and ugrep beside it.
#
#   sh bench/check/corpus.sh [BAOMI_CHECK]
#
# The corpus: the test files of Apache POI (test-data), python-docx (tests),
# chardet (tests), pdf.js (test/pdfs) and pdfminer.six (samples), fetched by
# git (shallow, sparse) into $CORPUS (default /tmp/baomi-check-corpus; never
# in the repository; skipped with a message when offline).  CORPUS=dir uses
# a directory at hand as it is.
#
# Files are grouped by format (extension; chardet's samples are "encodings")
# and for each format the script prints files, MB, and for each tool the
# files per second, MB per second (fastest of $REPS runs, warm cache) and the
# number of files in which it found a keyword.  Keywords: Latin words of 7+
# letters and runs of 2-3 CJK characters taken from the documents' text (zip
# members' XML, pdftotext, decoded text files, UTF-16 strings of OLE2 files),
# up to 30 per format, leaving out words of the formats' structure (PDF keys,
# zip member names, XML tags and attributes) that every file's raw bytes hold.
#
# The tools and what they read:
#   baomi-check scan --jobs 1 and --jobs 2: the text of every format here.
#   rg -j2 -F -l -f KW: raw bytes; it cannot read the text of docx, xlsx,
#     pptx, odf (zip), doc, xls, ppt (OLE2, UTF-16) or pdf, and stops at the
#     first NUL of a file it takes for binary.
#   rg --search-zip: the same (it opens gzip, bzip2, xz, lz4, zstd: none of
#     these formats).
#   ugrep -z: reads inside zip members, so the XML of docx/xlsx/pptx/odf, as
#     markup (a word split across runs or in sharedStrings is missed or
#     counted anyway); OLE2 and pdf as raw bytes.
#   ugrep -z --filter=pdf:pdftotext: pdf through pdftotext as well.
# Files with hits count a file once whatever the number of its hits; the
# peers' figure over raw bytes includes markup and binary matches.
#
# Environment: CORPUS, REPS (default 1), JOBS (default 2).
set -eu
BC=${1:-build/check/baomi-check}
CORPUS=${CORPUS:-/tmp/baomi-check-corpus}
REPS=${REPS:-1}
JOBS=${JOBS:-2}
[ -x "$BC" ] || { echo "corpus.sh: no baomi-check at $BC (build it first)" >&2; exit 2; }
for t in rg ugrep pdftotext python3; do
	command -v "$t" >/dev/null || { echo "corpus.sh: $t is needed" >&2; exit 2; }
done

# Fetches one directory of a repository (shallow, sparse); 1 when offline.
fetch() { # URL SUBDIR DEST
	[ -d "$3" ] && return 0
	tmp="$3.tmp"
	rm -rf "$tmp"
	git clone -q --depth 1 --filter=blob:none --sparse "$1" "$tmp" 2>/dev/null || return 1
	git -C "$tmp" sparse-checkout set "$2" 2>/dev/null || return 1
	mkdir -p "$3"
	cp -r "$tmp/$2" "$3/"
	rm -rf "$tmp"
}
if [ ! -d "$CORPUS" ]; then
	mkdir -p "$CORPUS"
	if ! fetch https://github.com/apache/poi test-data "$CORPUS/apache+poi" ||
		! fetch https://github.com/python-openxml/python-docx tests "$CORPUS/python-openxml+python-docx" ||
		! fetch https://github.com/chardet/chardet tests "$CORPUS/chardet+chardet" ||
		! fetch https://github.com/mozilla/pdf.js test/pdfs "$CORPUS/mozilla+pdf.js" ||
		! fetch https://github.com/pdfminer/pdfminer.six samples "$CORPUS/pdfminer+pdfminer.six"; then
		rm -rf "$CORPUS"
		echo "corpus.sh: skipped: the corpus could not be fetched (offline?)."
		echo "           Set CORPUS to a directory of documents to use one at hand."
		exit 0
	fi
fi

WORK=$(mktemp -d /tmp/baomi-check-corpusbench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
BC=$(cd "$(dirname "$BC")" && pwd)/$(basename "$BC")
export BC CORPUS REPS JOBS WORK
python3 - <<'EOF'
import os, re, subprocess, sys, time, zipfile, json

bc, corpus, reps, jobs, work = (os.environ[k] for k in ("BC", "CORPUS", "REPS", "JOBS", "WORK"))
reps, jobs = int(reps), int(jobs)
GROUPS = {
    "docx": ("docx", "docm", "dotx", "dotm"), "xlsx": ("xlsx", "xlsm", "xltx"),
    "pptx": ("pptx", "pptm", "potx", "ppsx"), "odf": ("odt", "ods", "odp"),
    "doc": ("doc", "dot"), "xls": ("xls",), "ppt": ("ppt", "pps"), "pdf": ("pdf",),
    "rtf": ("rtf",), "html": ("html", "htm"), "xml": ("xml",), "txt": ("txt", "csv"),
    "msg": ("msg",), "gz/zip": ("gz", "zip"),
}
byext = {e: g for g, es in GROUPS.items() for e in es}
files = {}
for d, _, names in os.walk(corpus):
    for n in names:
        p = os.path.join(d, n)
        if os.path.islink(p) or not os.path.isfile(p):
            continue
        ext = n.rsplit(".", 1)[-1].lower() if "." in n else ""
        g = "encodings" if "chardet" in p else byext.get(ext, "other")
        files.setdefault(g, []).append(p)

latin = re.compile(r"[A-Za-z]{7,20}")
cjk = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]{2,3}")
def text_of(p, g):
    try:
        if g in ("docx", "xlsx", "pptx", "odf"):
            with zipfile.ZipFile(p) as z:
                t = ""
                for n in z.namelist():
                    if n.endswith(".xml") and ("document" in n or "sharedStrings" in n or
                                               "slides/slide" in n or n == "content.xml"):
                        t += re.sub(r"<[^>]+>", " ", z.read(n).decode("utf-8", "replace"))
                return t
        if g == "pdf":
            return subprocess.run(["pdftotext", "-q", p, "-"], capture_output=True,
                                  timeout=20).stdout.decode("utf-8", "replace")
        b = open(p, "rb").read(1 << 20)
        if g in ("doc", "xls", "ppt", "msg"):
            u16 = re.findall(rb"(?:[\x20-\x7e]\x00){7,}", b)
            return " ".join(x.decode("utf-16le") for x in u16)
        return b.decode("utf-8", "replace")
    except Exception:
        return ""
# Words of the formats' structure (PDF keys, zip member names, XML tags and
# attributes) are no keywords:
# they would be found in every file's raw bytes.
plumbing = b""
for p in sorted(files.get("pdf", []))[:40]:
    plumbing += open(p, "rb").read(1 << 18)
for g in ("docx", "xlsx", "pptx"):
    for p in sorted(files.get(g, []))[:20]:
        try:
            z = zipfile.ZipFile(p)
            plumbing += " ".join(z.namelist()).encode()
            for n in z.namelist()[:12]:
                plumbing += b" ".join(re.findall(rb"<[^>]*>", z.read(n)[:1 << 18]))
        except Exception:
            pass
kws, seen = [], set()
for g in sorted(files):
    got = 0
    for p in sorted(files[g])[:60]:
        t = text_of(p, g)
        w, r = latin.findall(t), cjk.findall(t)
        for cand in w[len(w) // 2:len(w) // 2 + 1] + r[len(r) // 2:len(r) // 2 + 1]:
            if cand.encode() in plumbing:
                continue
            if cand.lower() not in seen and got < 30:
                seen.add(cand.lower())
                kws.append(cand)
                got += 1
kwf = os.path.join(work, "kw.txt")
open(kwf, "w", encoding="utf-8").write("\n".join(kws) + "\n")

def best(cmd):
    b, out = None, b""
    for _ in range(reps):
        s = time.monotonic()
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        t = time.monotonic() - s
        out = r.stdout
        b = t if b is None or t < b else b
    return b, out

def listed(out):
    # ugrep -z lists a zip's members as "file{member}": the file counts once.
    return len({re.sub(r"\{.*\}$", "", l) for l in out.decode("utf-8", "replace").splitlines()
                if l})

def bc_hits(path):
    try:
        r = json.load(open(path, encoding="utf-8"))
        return len({h["path"] for h in r["hits"]})
    except Exception:
        return -1

pre = os.path.join(work, "pdf.sh")
tools = [
    ("baomi-check -j1", lambda fl: [bc, "scan", "--keywords", kwf, "--jobs", "1", "-o",
                                     os.path.join(work, "bc.json")] + fl, "bc"),
    ("baomi-check -j%d" % jobs, lambda fl: [bc, "scan", "--keywords", kwf, "--jobs", str(jobs),
                                           "-o", os.path.join(work, "bc.json")] + fl, "bc"),
    ("rg", lambda fl: ["rg", "-j%d" % jobs, "-F", "-l", "-f", kwf, "--no-ignore", "--"] + fl, "l"),
    ("rg --search-zip", lambda fl: ["rg", "-j%d" % jobs, "-z", "-F", "-l", "-f", kwf,
                                    "--no-ignore", "--"] + fl, "l"),
    ("ugrep -z", lambda fl: ["ugrep", "-J%d" % jobs, "-z", "-F", "-l", "-f", kwf, "--"] + fl, "l"),
    ("ugrep -z --filter pdf", lambda fl: ["ugrep", "-J%d" % jobs, "-z", "-F", "-l",
                                          "--filter=pdf:timeout 20 pdftotext -q % -", "-f", kwf,
                                          "--"] + fl, "l"),
]
print("corpus: %s, %d files, %d keywords (from the documents' text)" %
      (corpus, sum(len(v) for v in files.values()), len(kws)))
print("%-10s %6s %8s  %-22s %9s %8s %6s" % ("format", "files", "MB", "tool", "files/s", "MB/s",
                                            "w/hit"))
order = ["docx", "xlsx", "pptx", "odf", "doc", "xls", "ppt", "msg", "pdf", "rtf", "html", "xml",
         "txt", "encodings", "gz/zip", "other"]
for g in order:
    fl = sorted(files.get(g, []))
    if not fl:
        continue
    mb = sum(os.path.getsize(p) for p in fl) / 1e6
    for i, (name, mk, kind) in enumerate(tools):
        if name.endswith("--filter pdf") and g != "pdf":
            continue
        t, out = best(mk(fl))
        hits = bc_hits(os.path.join(work, "bc.json")) if kind == "bc" else listed(out)
        print("%-10s %6s %8s  %-22s %9.1f %8.1f %6d" %
              (g if i == 0 else "", len(fl) if i == 0 else "", "%.1f" % mb if i == 0 else "",
               name, len(fl) / t, mb / t, hits))
    sys.stdout.flush()
EOF
