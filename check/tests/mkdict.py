#!/usr/bin/env python3
"""Archives whose headers state a decoder memory larger than the per-file
budget, for check/tests/test_arch.c: python3 mkdict.py DIR DIR16.  Each is
made by a real encoder (Python's lzma) or written from the published format
(RAR5, RAR 2.9), then its header is changed to state a huge dictionary or
model memory, with the header's CRC made right again, so that a decoder
would believe it.  Beside them, small normal ones that must still be read."""
import io
import lzma
import struct
import sys
import tarfile
import zipfile
import zlib

d, d16 = sys.argv[1], sys.argv[2]


def xz_with_dict(data, dict_byte):
    """An .xz of data (LZMA2, 1 MiB dictionary) whose block header states dict_byte."""
    x = bytearray(lzma.compress(data, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC32,
                                filters=[{"id": lzma.FILTER_LZMA2, "dict_size": 1 << 20}]))
    start = 12
    size = (x[start] + 1) * 4
    flags = x[start + 1]
    p = start + 2
    for bit in (0x40, 0x80):  # compressed and uncompressed sizes, when present
        if flags & bit:
            while x[p] & 0x80:
                p += 1
            p += 1
    assert x[p] == 0x21 and x[p + 1] == 1, "LZMA2 filter flags"
    x[p + 2] = dict_byte
    crc = zlib.crc32(bytes(x[start:start + size - 4]))
    x[start + size - 4:start + size] = struct.pack("<I", crc)
    return bytes(x)


def tar_bytes(files):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w") as t:
        for name, data in files:
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            t.addfile(ti, io.BytesIO(data))
    return b.getvalue()


def vint(v):
    out = bytearray()
    while True:
        c = v & 0x7F
        v >>= 7
        out.append(c | 0x80 if v else c)
        if not v:
            return bytes(out)


def rar5_block(body):
    size = vint(len(body))
    return struct.pack("<I", zlib.crc32(size + body)) + size + body


def rar5(name, data, log_window):
    """RAR5 with one file compressed (method 3) in a window of 128 KiB << log_window;
    its data are not a valid stream: the window must be refused before decoding."""
    out = b"Rar!\x1a\x07\x01\x00" + rar5_block(vint(1) + vint(0) + vint(0))
    info = (3 << 7) | (log_window << 10)
    body = (vint(2) + vint(2) + vint(len(data)) + vint(0x04) + vint(len(data)) + vint(0x20) +
            struct.pack("<I", zlib.crc32(data)) + vint(info) + vint(0) + vint(len(name)) + name)
    out += rar5_block(body) + data
    return out + rar5_block(vint(5) + vint(0) + vint(0))


def rar4_ppmd(name, mb):
    """RAR 2.9 (RAR4) with one file whose first data bytes start a PPMd block of mb MiB."""
    main = bytes([0x73]) + struct.pack("<HH", 0, 13) + b"\0" * 6
    main = struct.pack("<H", zlib.crc32(main) & 0xFFFF) + main
    data = bytes([0xA0, mb - 1]) + b"\x55" * 30
    rest = (struct.pack("<IIBIIBBHI", len(data), 1000, 3, 0, 0, 29, 0x33, len(name), 0x20) +
            name)
    head = bytes([0x74]) + struct.pack("<HH", 0x8000, 7 + len(rest)) + rest
    return (b"Rar!\x1a\x07\x00" + main + struct.pack("<H", zlib.crc32(head) & 0xFFFF) + head +
            data)


def zip_lzma(name, data, dict_size):
    """A zip (Python's zipfile, method 14 LZMA) whose member's LZMA properties state
    dict_size; the CRC covers the uncompressed data and stays right."""
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_LZMA) as z:
        z.writestr(name, data)
    x = bytearray(b.getvalue())
    d = 30 + len(name.encode()) + struct.unpack("<H", x[28:30])[0]
    assert struct.unpack("<H", x[d + 2:d + 4])[0] == 5, "LZMA properties"
    x[d + 5:d + 9] = struct.pack("<I", dict_size)
    return bytes(x)


def put(path, data):
    with open(path, "wb") as f:
        f.write(data)


# 1.5 GiB (LZMA2 dictionary byte 37: 3 << 29), raw and around a tar.
put(d + "/huge.txt.xz", xz_with_dict("一行涉密文字".encode(), 37))
put(d + "/huge.tar.xz", xz_with_dict(tar_bytes([("in.txt", "绝密".encode())]), 37))
# The same with a 1 MiB dictionary (byte 16): read as before.
put(d + "/small.tar.xz", xz_with_dict(tar_bytes([("in.txt", "内部资料".encode())]), 16))
# RAR5 windows of 1 GiB (13) and, against a 16 MiB budget, 64 MiB (9).
put(d + "/huge.rar", rar5(b"big.txt", b"\x01" * 64, 13))
put(d16 + "/w64.rar", rar5(b"big.txt", b"\x01" * 64, 9))
# RAR4 PPMd asking for 256 MiB, against a 16 MiB budget.
put(d16 + "/ppmd.rar", rar4_ppmd(b"p.txt", 256))
# xz with a 64 MiB dictionary (byte 28: 2 << 25) against a 16 MiB budget, and one of 1 MiB.
put(d16 + "/d64.txt.xz", xz_with_dict("核心".encode(), 28))
put(d16 + "/small.tar.xz", xz_with_dict(tar_bytes([("in.txt", "秘密".encode())]), 16))
# Two xz streams one after the other: the second one's dictionary is found through the
# first stream's footer and index, walking back from the end.
put(d + "/two.txt.xz", xz_with_dict("机密".encode(), 16) + xz_with_dict("机密".encode(), 37))
# zip members compressed with LZMA: 1.5 GiB, and 1 MiB.
put(d + "/huge-lzma.zip", zip_lzma("a.txt", "绝密".encode(), 3 << 29))
put(d + "/small-lzma.zip", zip_lzma("a.txt", "涉密".encode(), 1 << 20))


def sz_num(v):
    """7z's NUMBER: leading 1 bits of the first byte count the bytes after it."""
    for n in range(9):
        if n == 8 or v < 1 << (8 * n + 7 - n):
            first = (0xFF << (8 - n)) & 0xFF
            if n < 8:
                first |= v >> (8 * n)
            return bytes([first]) + (v & ((1 << (8 * n)) - 1)).to_bytes(n, "little")


def sz_encode_header(path, out, dict_size=1 << 20):
    """The 7z at path (its header not encoded) with its header LZMA-encoded, as 7-Zip
    writes them: the packed header after the packed files, and an encoded header
    (kEncodedHeader) saying where it is, its coder (LZMA, stating dict_size; encoded
    with 1 MiB) and its size."""
    with open(path, "rb") as f:
        x = f.read()
    off, size = struct.unpack("<QQ", x[12:28])
    header = x[32 + off:32 + off + size]
    assert header[0] == 0x01
    props = bytes([0x5D]) + struct.pack("<I", dict_size)
    packed = lzma.compress(header, format=lzma.FORMAT_RAW,
                           filters=[{"id": lzma.FILTER_LZMA1, "dict_size": 1 << 20}])
    enc = (b"\x17\x06" + sz_num(off) + sz_num(1) + b"\x09" + sz_num(len(packed)) + b"\x00" +
           b"\x07\x0b" + sz_num(1) + b"\x00" + sz_num(1) + b"\x23\x03\x01\x01" + sz_num(5) +
           props + b"\x0c" + sz_num(len(header)) + b"\x0a\x01" +
           struct.pack("<I", zlib.crc32(header)) + b"\x00\x00")
    start = struct.pack("<QQI", off + len(packed), len(enc), zlib.crc32(enc))
    with open(out, "wb") as f:
        f.write(x[:6] + x[6:8] + struct.pack("<I", zlib.crc32(start)) + start +
                x[32:32 + off] + packed + enc)


# 7z files (test_arch.c writes them before this runs) with their headers encoded:
# the folders' coders are seen only once the header is decoded.
sz_encode_header(d + "/huge.7z", d + "/huge-enc.7z")
sz_encode_header(d + "/small.7z", d + "/small-enc.7z")
# ... and one whose header's own coder states 1.5 GiB.
sz_encode_header(d + "/small.7z", d + "/hdr-enc.7z", 3 << 29)
