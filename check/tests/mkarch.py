#!/usr/bin/env python3
"""Archives made by an independent writer (Python's zipfile and tarfile) for
check/tests/test_arch.c: python3 mkarch.py DIR."""
import bz2
import io
import sys
import tarfile
import zipfile

d = sys.argv[1]


def docx(text):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml",
                   "<w:document><w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p>"
                   "</w:body></w:document>" % text)
    return b.getvalue()


def zipped(files):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            z.writestr(name, data)
    return b.getvalue()


def tar(path, mode, files):
    with tarfile.open(path, mode) as t:
        for name, data in files:
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            t.addfile(ti, io.BytesIO(data))


with open(d + "/py.zip", "wb") as f:
    f.write(zipped([("dir/note.txt", "这是绝密文件".encode()),
                    ("报告/报告.docx", docx("年度涉密报告")),
                    ("clean.txt", b"nothing here")]))
inner = zipped([("deep/t.txt", b"a TOPSECRET line")])
tar(d + "/py.tar", "w", [("x/内部.txt", "内部资料 abc".encode()), ("inner.zip", inner)])
tar(d + "/py.tar.gz", "w:gz", [("y.txt", "涉密".encode("gbk"))])
tar(d + "/py.tar.bz2", "w:bz2", [("y.txt", "绝密".encode())])
tar(d + "/py.tar.xz", "w:xz", [("y.txt", "内部资料".encode())])
with open(d + "/py.txt.bz2", "wb") as f:
    f.write(bz2.compress("一行涉密文字".encode()))
