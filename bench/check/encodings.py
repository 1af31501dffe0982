#!/usr/bin/env python3
"""bench/check/encodings.py — keyword recall of baomi-check on legacy CJK encodings.

    python3 bench/check/encodings.py CORPUS [BAOMI_CHECK ...]

CORPUS is a directory of encoding samples, one subdirectory per encoding
named as chardet's test set names them (Big5, EUC-KR, SHIFT_JIS, EUC-JP,
CP932, CP949, GB2312, EUC-TW, Johab, iso-2022-jp, ..., utf-8, ascii, ...);
the samples are not part of the repository.  BAOMI_CHECK defaults to
build/check/baomi-check; with several binaries (say, before and after a
change) each gets its own table.

Each file of a CJK directory is decoded with its known encoding, and a few
keywords are taken from its text: 2- and 3-character runs of Han, kana or
Hangul characters, spread over the file, up to KW_PER_FILE per file (set the
environment variable to change it).  One baomi-check run scans the whole
corpus with all the keywords, and the script prints, per encoding:
  pairs   (file, keyword) pairs where the keyword was taken from that file
  found   how many of them baomi-check reported, and the recall
  false   hits in files whose decoded text does not hold the keyword, in
          simplified or traditional form (uconv -x Hant-Hans, when
          icu-devtools is installed, decides what counts as the same word):
          for every directory, CJK or not (ascii, utf-8, iso-8859-*...)
  var     hits where the file holds the keyword only in the other script
          (a simplified keyword found as traditional text, or a traditional
          one as simplified text): expected
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Directory name -> codec for decoding (Python name, or "iconv:NAME").
CJK = {
    "Big5": "big5hkscs",
    "CP932": "cp932",
    "CP949": "cp949",
    "EUC-JP": "euc_jp",
    "EUC-KR": "cp949",
    "EUC-TW": "iconv:EUC-TW",
    "GB2312": "gb18030",
    "SHIFT_JIS": "cp932",
    "Johab": "johab",
    "iso-2022-jp": "iso2022_jp",
    "iso-2022-kr": "iso2022_kr",
    "iso-2022-cn": "iconv:ISO-2022-CN",
}
# Other directories: decoded only to tell a false hit from a true one.
OTHER = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "UTF-16": "utf-16",
    "UTF-16LE": "utf-16-le",
    "UTF-16BE": "utf-16-be",
    "UTF-32": "utf-32",
    "UTF-32LE": "utf-32-le",
    "UTF-32BE": "utf-32-be",
}
KW_PER_FILE = int(os.environ.get("KW_PER_FILE", "3"))
RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]{2,}")


def decode(path, codec):
    data = open(path, "rb").read()
    if codec.startswith("iconv:"):
        r = subprocess.run(["iconv", "-c", "-f", codec[6:], "-t", "UTF-8"], input=data,
                           capture_output=True, check=False)
        return r.stdout.decode("utf-8", "replace")
    try:
        return data.decode(codec, "replace")
    except LookupError:
        return data.decode("latin-1")


def keywords_of(text):
    """Up to KW_PER_FILE 2-3 character CJK words spread over the text."""
    runs = RUN.findall(text)
    if not runs:
        return []
    out = []
    step = max(1, len(runs) // (KW_PER_FILE + 1))
    for i in range(step // 2, len(runs), step):
        r = runs[i]
        n = 3 if len(r) >= 3 and len(out) % 2 else 2
        w = r[len(r) // 2 - n // 2:][:n] if len(r) > n else r[:n]
        if len(w) >= 2 and w not in out:
            out.append(w)
        if len(out) >= KW_PER_FILE:
            break
    return out


def hans(texts):
    """Hant-Hans conversion of each text, or None without uconv."""
    if not shutil.which("uconv"):
        return None
    sep = "\n\u241e\n"
    r = subprocess.run(["uconv", "-f", "utf-8", "-t", "utf-8", "-x", "Hant-Hans"],
                       input=sep.join(texts).encode(), capture_output=True, check=False)
    if r.returncode:
        return None
    out = r.stdout.decode("utf-8", "replace").split(sep)
    return out if len(out) == len(texts) else None


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    corpus = sys.argv[1]
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    bins = sys.argv[2:] or [os.path.join(root, "build", "check", "baomi-check")]
    files = {}  # path -> (dir, decoded text)
    taken = {}  # path -> keywords taken from it
    for d in sorted(os.listdir(corpus)):
        full = os.path.join(corpus, d)
        if not os.path.isdir(full):
            continue
        codec = CJK.get(d) or OTHER.get(d)
        for f in sorted(os.listdir(full)):
            p = os.path.join(full, f)
            text = decode(p, codec) if codec else ""
            files[p] = (d, text)
            if d in CJK:
                taken[p] = keywords_of(text)
    words = sorted({w for ws in taken.values() for w in ws})
    paths = list(files)
    simple = hans([files[p][1] for p in paths] + words)
    simple_text = dict(zip(paths, simple[:len(paths)])) if simple else {}
    simple_word = dict(zip(words, simple[len(paths):])) if simple else {}
    tmp = tempfile.mkdtemp(prefix="bc-enc-")
    kwfile = os.path.join(tmp, "keywords.txt")
    with open(kwfile, "w", encoding="utf-8") as fh:
        fh.write("\n".join(words) + "\n")
    print(f"{len(files)} files, {len(words)} keywords ({KW_PER_FILE} per CJK file at most)")
    for bc in bins:
        r = subprocess.run([bc, "scan", "--keywords", kwfile, "--format", "json", corpus],
                           capture_output=True, check=False)
        if r.returncode not in (0, 1):
            sys.exit(f"{bc}: exit {r.returncode}: {r.stderr.decode(errors='replace')}")
        rep = json.loads(r.stdout)
        got = {}
        for h in rep["hits"]:
            got.setdefault(h["path"], set()).add(h["keyword"])
        rows = {}
        for p, (d, text) in files.items():
            row = rows.setdefault(d, [0, 0, 0, 0, 0])
            row[0] += 1
            for w in taken.get(p, []):
                row[1] += 1
                row[2] += w in got.get(p, ())
            for w in got.get(p, ()):
                if w in text:
                    continue
                if simple and simple_word[w] in simple_text[p]:
                    row[4] += 1
                else:
                    row[3] += 1
        print(f"\n{bc}")
        print(f"{'encoding':<14}{'files':>6}{'pairs':>7}{'found':>7}{'recall':>9}"
              f"{'false':>7}{'var':>5}")
        tot = [0, 0, 0, 0, 0]
        for d in sorted(rows, key=lambda k: (k not in CJK, k)):
            row = rows[d]
            tot = [a + b for a, b in zip(tot, row)]
            rec = f"{100 * row[2] / row[1]:.1f}%" if row[1] else "-"
            print(f"{d:<14}{row[0]:>6}{row[1]:>7}{row[2]:>7}{rec:>9}{row[3]:>7}{row[4]:>5}")
        rec = f"{100 * tot[2] / tot[1]:.1f}%" if tot[1] else "-"
        print(f"{'all':<14}{tot[0]:>6}{tot[1]:>7}{tot[2]:>7}{rec:>9}{tot[3]:>7}{tot[4]:>5}")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
