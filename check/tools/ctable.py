"""The C table writer of check/tools' generators (gen-hant.py, gen-lenc.py)."""


def table(name, rows, comment):
    """Prints `static const unsigned short name[][2]` of rows (pairs), lines under 96 columns."""
    print("/* %s */" % comment)
    print("static const unsigned short %s[][2] = {" % name)
    line = "\t"
    for a, b in rows:
        item = "{0x%04X, 0x%04X}," % (a, b)
        if len(line) + len(item) + 1 > 96:
            print(line.rstrip())
            line = "\t"
        line += item + " "
    print(line.rstrip())
    print("};")
