#!/bin/sh
# docs/openapi.yaml describes exactly the routes the server answers.
. "$(dirname "$0")/lib.sh"
"$BAOMI" routes | sort >"$WORK/served"
awk '
	/^paths:/ { inpaths = 1; next }
	inpaths && /^[^ ]/ { inpaths = 0 }
	inpaths && /^  \/[^ ]*:[ ]*$/ { path = $1; sub(/:$/, "", path); next }
	inpaths && /^    (get|put|post|patch|delete|head|options):/ {
		m = $1; sub(/:$/, "", m); print toupper(m) " " path
	}
' "$BAOMI_SRC/docs/openapi.yaml" | sort >"$WORK/documented"
[ -s "$WORK/documented" ] || die "no paths parsed from docs/openapi.yaml"
if ! diff -u "$WORK/documented" "$WORK/served" >"$WORK/diff"; then
	cat "$WORK/diff" >&2
	die "docs/openapi.yaml and the served routes differ (- documented, + served)"
fi
ok "$(wc -l <"$WORK/served") routes served, all documented, none extra"
finish
