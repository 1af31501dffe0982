#!/bin/sh
# The command line as people expect it: `baomi help`, `baomi help COMMAND`, `baomi COMMAND
# [SUBCOMMAND] --help` and --version exit 0; every command the CLI dispatches (src/cli/main.c's
# table) and every subcommand its cmd_*() function compares against is in its help, in its
# section of man/baomi.1.scd and in the bash completion; unknown commands exit 2.
. "$(dirname "$0")/lib.sh"

"$BAOMI" --version >"$WORK/v" || die "--version"
grep -Eq '^baomi [0-9]+\.[0-9]+\.[0-9]+$' "$WORK/v" || die "--version prints 'baomi X.Y.Z': $(cat "$WORK/v")"
"$BAOMI" --help >"$WORK/help" && "$BAOMI" help >"$WORK/help2" || die "--help and help exit 0"
cmp -s "$WORK/help" "$WORK/help2" || die "--help and help print the same"
ok "--version, --help and help exit 0"

python3 - "$BAOMI" "$BAOMI_SRC" "$WORK" <<'PY' || die "help, man page and completion differ from the dispatched commands"
import re, subprocess, sys
baomi, src, work = sys.argv[1:]
main = open(f"{src}/src/cli/main.c", encoding="utf-8").read()
cmds = re.findall(r'^\s*\{"([a-z-]+)", (cmd_[a-z_]+), (?:true|false),', main, re.M)
assert len(cmds) >= 15, cmds
funcs = {}
import glob
for path in glob.glob(f"{src}/src/cli/cmd_*.c"):
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(r'^int (cmd_[a-z_]+)\(struct cli_opts \*o\)\n\{\n(.*?)^\}', text, re.M | re.S):
        funcs[m.group(1)] = set(re.findall(r'strcmp\((?:sub|o->args\[0\]), "([a-z_-]+)"\)', m.group(2)))
man = open(f"{src}/man/baomi.1.scd", encoding="utf-8").read()
comp = open(f"{src}/packaging/baomi.bash-completion", encoding="utf-8").read()
full = subprocess.run([baomi, "help"], capture_output=True, text=True).stdout
bad = []
for name, fn in cmds:
    subs = funcs.get(fn, set())
    for argv in [[baomi, "help", name], [baomi, name, "--help"]] + [[baomi, name, s, "--help"] for s in sorted(subs)]:
        r = subprocess.run(argv, capture_output=True, text=True)
        if r.returncode != 0 or f"  {name}" not in r.stdout:
            bad.append(f"{' '.join(argv[1:])}: exit {r.returncode}")
        for s in subs:
            if not re.search(rf'(?<![a-z_-]){re.escape(s)}(?![a-z_-])', r.stdout):
                bad.append(f"{' '.join(argv[1:])}: no '{s}'")
    if f"  {name} " not in full:
        bad.append(f"baomi help: no {name}")
    sec = re.search(rf'^## {re.escape(name)}\n(.*?)(?=^##? |\Z)', man, re.M | re.S)
    if not sec:
        bad.append(f"man/baomi.1.scd: no section '## {name}'")
    else:
        for s in subs:
            if not re.search(rf'(?<![a-z_-]){re.escape(s)}(?![a-z_-])', sec.group(1)):
                bad.append(f"man/baomi.1.scd ## {name}: no '{s}'")
    words = re.search(r'^\s*(?:local )?cmds="([^"]*)"', comp, re.M)
    if not words or name not in words.group(1).split():
        bad.append(f"completion: no command {name}")
    sw = re.search(rf'^\s*{re.escape(name)}\) subs="([^"]*)"', comp, re.M)
    for s in subs:
        if not sw or s not in sw.group(1).split():
            bad.append(f"completion: no {name} {s}")
if bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
print(f"{len(cmds)} commands, {sum(len(funcs.get(f, ())) for _, f in cmds)} subcommands checked")
PY
ok "every dispatched command and subcommand: help exits 0 and names it; man page and completion list it"
bash -n "$BAOMI_SRC/packaging/baomi.bash-completion" || die "the bash completion has a syntax error"
ok "the bash completion parses"

set +e
"$BAOMI" carrier --help >"$WORK/out" 2>&1; rc1=$?
"$BAOMI" help no-such >/dev/null 2>&1; rc2=$?
"$BAOMI" no-such >/dev/null 2>&1; rc3=$?
"$BAOMI" carrier --no-such >/dev/null 2>&1; rc4=$?
"$BAOMI" >/dev/null 2>&1; rc5=$?
set -e
[ "$rc1$rc2$rc3$rc4$rc5" = 02222 ] || die "carrier --help 0; unknown command/option, no command 2 (got $rc1 $rc2 $rc3 $rc4 $rc5)"
grep -q "carrier register" "$WORK/out" || die "carrier --help shows the carrier commands"
ok "baomi carrier --help exits 0 (it exited 2 before); unknown commands and options exit 2"

if [ -n "${BAOMI_CHECK_BIN:-}" ]; then
	for c in scan system all verify; do
		"$BAOMI_CHECK_BIN" $c --help >"$WORK/out" 2>&1 || die "baomi-check $c --help exits 0"
		grep -q "baomi-check $c" "$WORK/out" || die "baomi-check $c --help shows its usage"
		grep -q "^\*baomi-check $c" "$BAOMI_SRC/man/baomi-check.1.scd" || die "baomi-check(1) lists $c"
	done
	ok "baomi-check COMMAND --help exits 0; baomi-check(1) lists every command"
fi

# the man pages render (scdoc, as the build and the package make them)
if command -v scdoc >/dev/null; then
	for p in baomi.1 baomi-check.1 baomi.conf.5; do
		scdoc <"$BAOMI_SRC/man/$p.scd" >"$WORK/$p" || die "scdoc $p"
		grep -q '^\.TH' "$WORK/$p" || die "$p is not a man page"
	done
	MANWIDTH=100 man -l "$WORK/baomi.1" 2>/dev/null | grep -q "EXIT STATUS" || die "baomi(1) renders with an EXIT STATUS section"
	ok "man pages baomi(1), baomi-check(1), baomi.conf(5) render"
fi
# every key the config parser knows is in baomi.conf(5) and the shipped file
for k in $(grep -o '{"[a-z-]*", offsetof' "$BAOMI_SRC/src/util/conf.c" | cut -d'"' -f2) \
	$(grep -o 'strcmp(key, "[a-z-]*")' "$BAOMI_SRC/src/util/conf.c" | cut -d'"' -f2); do
	grep -q "^\*$k\*" "$BAOMI_SRC/man/baomi.conf.5.scd" || die "baomi.conf(5) does not document $k"
	grep -q "^#* *$k *=" "$BAOMI_SRC/packaging/baomi.conf" || die "packaging/baomi.conf does not show $k"
done
ok "every config key is documented in baomi.conf(5) and in the shipped baomi.conf"
finish
