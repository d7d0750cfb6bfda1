#!/usr/bin/env bash
# The syscall reference pages (spec/syscalls/) against the ABI and the code.
# Prints one "PASS abi/<check>" or "FAIL abi/<check>: why" line per check and
# exits non-zero if any failed.  Bash, sed, awk, grep and a C compiler (the
# cross gcc if present, else the host's); no python.  Method: see
# spec/syscalls/README.md, "How the pages are checked".
set -uo pipefail
cd "$(dirname "$0")/.."

ABI=user/include/obol/abi.h
PAGES=spec/syscalls
TSV=$PAGES/errors.tsv
KSRC="kernel/syscall.c kernel/cap/cap.c kernel/ipc.c kernel/region.c kernel/thread.c kernel/proc.c kernel/uaccess.c kernel/reap.c"
TESTS=$(ls user/apps/utest_*/*.c 2>/dev/null)
TMP=$(mktemp -d /tmp/check-abi.XXXXXX)
[ -n "${ABI_KEEP_TMP:-}" ] || trap 'rm -rf "$TMP"' EXIT
fails=0

pass() { echo "PASS abi/$1"; }
fail() { echo "FAIL abi/$1: $2"; fails=$((fails + 1)); }
# verdict CHECK FILE: PASS if FILE is empty, else FAIL with its lines joined.
verdict() {
    if [ -s "$2" ]; then fail "$1" "$(paste -sd';' "$2" | sed 's/;/; /g')"; else pass "$1"; fi
}
# Whitespace-insensitive form of a C declaration.
norm() { tr '\n\t' '  ' | sed -e 's/  */ /g' -e 's/ *\([(),*;]\) */\1/g' -e 's/^ *//' -e 's/ *$//'; }

CC=""
for c in "${CROSS:-riscv64-unknown-elf-}gcc" gcc cc; do
    command -v "$c" >/dev/null 2>&1 && { CC=$c; break; }
done

# ---- abi.h: the syscall list (name|params) and the error names ----------------
sed -n '/^#define OBOL_SYSCALL_LIST(X)/,/^[^\\]*$/p' "$ABI" |
    sed -n 's/^ *X([A-Z_0-9]*, *\([a-z_0-9]*\), *[0-9]*, *(\(.*\))) *\\\{0,1\} *$/\1|\2/p' > "$TMP/syscalls"
sed -n '/^#define OBOL_ERROR_LIST(X)/,/^[^\\]*$/p' "$ABI" |
    sed -n 's/^ *X(\([A-Z_]*\), *-\{0,1\}[0-9]*,.*/\1/p' > "$TMP/errors"
n=$(wc -l < "$TMP/syscalls")
if [ "$n" -gt 0 ] && [ -s "$TMP/errors" ]; then
    pass "abi-lists"
else
    fail "abi-lists" "could not read OBOL_SYSCALL_LIST ($n entries) or OBOL_ERROR_LIST from $ABI"
fi
cut -d'|' -f1 "$TMP/syscalls" > "$TMP/names"

# ---- every page has a syscall ------------------------------------------------
: > "$TMP/out"
for p in $(ls "$PAGES"/*.md 2>/dev/null); do
    b=$(basename "$p" .md)
    [ "$b" = README ] && continue
    grep -qx "$b" "$TMP/names" || echo "$p documents no syscall of OBOL_SYSCALL_LIST" >> "$TMP/out"
done
verdict "no-orphan-pages" "$TMP/out"

# ---- the README indexes every page ---------------------------------------------
: > "$TMP/out"
while read -r s; do
    grep -q "($s\.md)" "$PAGES/README.md" 2>/dev/null || echo "README.md does not link $s.md" >> "$TMP/out"
done < "$TMP/names"
verdict "readme-index" "$TMP/out"

# ---- errors.tsv: known syscalls and errors, valid kinds --------------------------
grep -v '^#' "$TSV" | grep -v '^[[:space:]]*$' > "$TMP/tsv"
: > "$TMP/out"
while IFS=$'\t' read -r s e k why; do
    grep -qx "$s" "$TMP/names" || echo "row '$s $e': no such syscall" >> "$TMP/out"
    [ "$e" = "(none)" ] || grep -qx "$e" "$TMP/errors" || echo "row '$s $e': no such error" >> "$TMP/out"
    case "$k" in returns|not-returned) ;; *) echo "row '$s $e': kind '$k'" >> "$TMP/out" ;; esac
    [ -n "$why" ] || echo "row '$s $e': no reason given" >> "$TMP/out"
done < "$TMP/tsv"
while read -r s; do
    grep -q "^$s	" "$TMP/tsv" || echo "no row for syscall $s" >> "$TMP/out"
done < "$TMP/names"
verdict "errors-tsv" "$TMP/out"

# ---- the declarations <obol/obol.h> produces ------------------------------------
if [ -n "$CC" ]; then
    echo '#include <obol/obol.h>' | $CC -E -P -Iuser/include -x c - 2>"$TMP/cpp.err" |
        norm | tr ';' '\n' | sed 's/^ //' | grep '^int obol_' | sed 's/$/;/' > "$TMP/decls"
fi

# ---- the code: error names in each handler and what it calls (transitively) ------
# Function bodies of the kernel files, comments stripped: "name<TAB>body".
awk '
    FNR == 1 { incomment = 0; name = "" }
    {
        line = $0
        # strip comments (block comments may span lines)
        out = ""
        while (length(line) > 0) {
            if (incomment) {
                i = index(line, "*/"); if (i == 0) { line = ""; break }
                line = substr(line, i + 2); incomment = 0
            } else {
                i = index(line, "/*"); j = index(line, "//")
                if (j > 0 && (i == 0 || j < i)) { out = out substr(line, 1, j - 1); line = ""; break }
                if (i == 0) { out = out line; line = ""; break }
                out = out substr(line, 1, i - 1); line = substr(line, i + 2); incomment = 1
            }
        }
        # attributes are not calls, nor function names
        gsub(/__attribute__\(\([^()]*(\([^()]*\))?[^()]*\)\)/, "", out)
        if (name == "" && out ~ /^[a-z].*[ *]?[a-z_0-9]+\(/ && out !~ /;[ \t]*$/ && out !~ /^(if|for|while|return|else)/) {
            m = out; sub(/\(.*/, "", m); sub(/.*[ *]/, "", m); pending = m
        }
        if (name == "" && pending != "" && out ~ /^\{/) { name = pending; body = "" ; next }
        if (name != "" && out ~ /^}/) { print name "\t" body; name = ""; pending = ""; next }
        if (name != "") body = body " " out
    }
' $KSRC > "$TMP/bodies"
# closure NAME: error names in sys_NAME and every function it reaches.
# The handler of syscall $1: sys_$1, or fast_$1 where the fast entry always
# answers and there is no general handler (kernel/syscall.c).
entry_of() {
    if grep -q "^sys_$1	" "$TMP/bodies"; then echo "sys_$1"; else echo "fast_$1"; fi
}

closure() {
    awk -F'\t' -v start="$(entry_of "$1")" '
        { body[$1] = $2 }
        END {
            queue[1] = start; seen[start] = 1; n = 1
            for (q = 1; q <= n; q++) {
                b = body[queue[q]]
                rest = b
                while (match(rest, /OBOL_ERR_[A-Z_]+/)) {
                    e = substr(rest, RSTART + 9, RLENGTH - 9); errs[e] = 1
                    rest = substr(rest, RSTART + RLENGTH)
                }
                rest = b
                while (match(rest, /[a-z_][a-z_0-9]*\(/)) {
                    f = substr(rest, RSTART, RLENGTH - 1); rest = substr(rest, RSTART + RLENGTH)
                    if ((f in body) && !(f in seen)) { seen[f] = 1; queue[++n] = f }
                }
            }
            for (e in errs) print e
        }' "$TMP/bodies" | sort
}

# ---- the tests: (syscall, error) pairs a CHECK( line expects ---------------------
# E_* style aliases defined in the test sources.
cat $TESTS | sed -n 's/^#define  *\([A-Z_a-z0-9]*\)  *OBOL_ERR_\([A-Z_]*\).*/\1 \2/p' | sort -u > "$TMP/aliases"
# Each CHECK(...) statement joined on one line, then "syscall error" for each
# obol_<syscall>( in its first argument and its last argument.
awk '
    function flush(   depth, i, c, last, args, want, s, rest) {
        depth = 0; last = 0
        for (i = index(stmt, "CHECK(") + 6; i <= length(stmt); i++) {
            c = substr(stmt, i, 1)
            if (c == "(") depth++
            else if (c == ")") { if (depth == 0) break; depth-- }
            else if (c == "," && depth == 0) last = i
        }
        if (last == 0) return
        args = substr(stmt, index(stmt, "CHECK(") + 6, last - index(stmt, "CHECK(") - 6)
        want = substr(stmt, last + 1, i - last - 1); gsub(/[ \t]/, "", want)
        rest = args
        while (match(rest, /obol_[a-z_0-9]+\(/)) {
            s = substr(rest, RSTART + 5, RLENGTH - 6); rest = substr(rest, RSTART + RLENGTH)
            print s, want
        }
    }
    function balanced(str,   t, o, c) { t = str; o = gsub(/\(/, "(", t); c = gsub(/\)/, ")", t); return o <= c }
    {
        if (stmt != "") { stmt = stmt " " $0 }
        else if ($0 ~ /CHECK\(/) { stmt = substr($0, index($0, "CHECK(")) }
        else next
        if (balanced(stmt)) { flush(); stmt = "" }
    }
' $TESTS | awk 'NR == FNR { alias[$1] = $2; next }
                { w = $2; if (w in alias) w = alias[w]; else if (w ~ /^OBOL_ERR_/) sub(/^OBOL_ERR_/, "", w); else next; print $1, w }' \
    "$TMP/aliases" - | sort -u > "$TMP/tested"

# ---- per syscall ----------------------------------------------------------------
HEADINGS='# obol_@|## NAME|## SYNOPSIS|## DESCRIPTION|## RIGHTS|## RETURN VALUE|## ERRORS|## SEE ALSO'
while IFS='|' read -r s params; do
    page="$PAGES/$s.md"
    if [ ! -f "$page" ]; then
        fail "page/$s" "no page $page for syscall $s of OBOL_SYSCALL_LIST"
        continue
    fi
    pass "page/$s"

    # headings, exactly and in order
    want=$(echo "$HEADINGS" | sed "s/@/$s/" | tr '|' '\n')
    got=$(grep -E '^#{1,2} ' "$page")
    if [ "$got" = "$want" ]; then pass "headings/$s"
    else fail "headings/$s" "headings are '$(echo "$got" | paste -sd'|')', want '$(echo "$want" | paste -sd'|')'"; fi

    # SYNOPSIS: the include and the prototype, as abi.h and as the header declares it
    syn=$(sed -n '/^## SYNOPSIS/,/^## /p' "$page" | sed -n '/^```c/,/^```$/p')
    proto=$(echo "$syn" | awk -v s="int obol_$s(" 'index($0, s) { on = 1 } on { print } on && /;/ { exit }' | norm)
    abi=$(echo "int obol_$s($params);" | norm)
    : > "$TMP/out"
    echo "$syn" | grep -qx '#include <obol/obol.h>' || echo "no '#include <obol/obol.h>' in the c block" >> "$TMP/out"
    [ -n "$proto" ] || echo "no 'int obol_$s(...);' in the SYNOPSIS c block" >> "$TMP/out"
    [ -z "$proto" ] || [ "$proto" = "$abi" ] || echo "prototype '$proto' differs from abi.h's '$abi'" >> "$TMP/out"
    if [ -n "$CC" ] && [ -n "$proto" ]; then
        hdr=$(grep -x "int obol_$s(.*);" "$TMP/decls" | head -1)
        [ "$proto" = "$hdr" ] || echo "prototype '$proto' differs from <obol/obol.h>'s '$hdr'" >> "$TMP/out"
        printf '#include <obol/obol.h>\n%s\n' "$proto" > "$TMP/proto.c"
        $CC -fsyntax-only -Wall -Werror -Iuser/include "$TMP/proto.c" > "$TMP/cc.err" 2>&1 ||
            echo "redeclaring it after <obol/obol.h> does not compile: $(grep -m1 error "$TMP/cc.err")" >> "$TMP/out"
    fi
    verdict "synopsis/$s" "$TMP/out"

    # ERRORS: bullets, known names
    sed -n '/^## ERRORS/,/^## /p' "$page" | sed '1d;$d' | grep -v '^[[:space:]]*$' > "$TMP/errsec"
    grep -o '^- \*\*OBOL_ERR_[A-Z_]*\*\*' "$TMP/errsec" | sed 's/^- \*\*OBOL_ERR_//; s/\*\*$//' |
        awk '!seen[$0]++' > "$TMP/pe"
    : > "$TMP/out"
    if [ ! -s "$TMP/pe" ]; then
        grep -qx 'None\..*' "$TMP/errsec" || echo "ERRORS has no '- **OBOL_ERR_X**  condition' bullet and does not say 'None.'" >> "$TMP/out"
    fi
    grep '^[-*] ' "$TMP/errsec" | grep -v '^- \*\*OBOL_ERR_[A-Z_]*\*\*  [^ ]' |
        sed 's/^/malformed bullet: /' >> "$TMP/out"
    while read -r e; do
        grep -qx "$e" "$TMP/errors" || echo "OBOL_ERR_$e is not in abi.h's OBOL_ERROR_LIST" >> "$TMP/out"
    done < "$TMP/pe"
    verdict "errors-known/$s" "$TMP/out"

    # ERRORS against errors.tsv: same set, same order; no not-returned error listed
    awk -F'\t' -v s="$s" '$1 == s && $3 == "returns" && $2 != "(none)" { print $2 }' "$TMP/tsv" > "$TMP/te"
    awk -F'\t' -v s="$s" '$1 == s && $3 == "not-returned" { print $2 }' "$TMP/tsv" > "$TMP/tn"
    : > "$TMP/out"
    grep -vxF -f "$TMP/pe" "$TMP/te" 2>/dev/null | sed 's/^/can return OBOL_ERR_/; s/$/ (errors.tsv), not on the page/' >> "$TMP/out"
    grep -vxF -f "$TMP/te" "$TMP/pe" 2>/dev/null | sed 's/^/page lists OBOL_ERR_/; s/$/, which errors.tsv says it cannot return/' >> "$TMP/out"
    [ -s "$TMP/te" ] || [ ! -s "$TMP/pe" ] || sed 's/^/page lists OBOL_ERR_/; s/$/, errors.tsv has no error for it/' "$TMP/pe" >> "$TMP/out"
    if [ ! -s "$TMP/out" ] && ! cmp -s "$TMP/pe" "$TMP/te"; then
        echo "order differs: page $(paste -sd, "$TMP/pe"), errors.tsv (check order) $(paste -sd, "$TMP/te")" >> "$TMP/out"
    fi
    verdict "errors-table/$s" "$TMP/out"

    # ERRORS against the code: every error name the handler can reach
    closure "$s" > "$TMP/ce"
    : > "$TMP/out"
    while read -r e; do
        grep -qx "$e" "$TMP/te" || grep -qx "$e" "$TMP/tn" ||
            echo "OBOL_ERR_$e appears in $(entry_of "$s") or what it calls, but neither the page nor a not-returned row of errors.tsv accounts for it" >> "$TMP/out"
    done < "$TMP/ce"
    if ! grep -q "^$(entry_of "$s")	" "$TMP/bodies"; then
        echo "no handler sys_$s (or fast_$s) found in kernel/syscall.c" >> "$TMP/out"
    fi
    verdict "errors-code/$s" "$TMP/out"

    # every listed error is triggered through obol_<s>( by an in-QEMU test
    : > "$TMP/out"
    while read -r e; do
        grep -qx "$s $e" "$TMP/tested" ||
            echo "no CHECK(obol_$s(...), OBOL_ERR_$e) in user/apps/utest_*" >> "$TMP/out"
    done < "$TMP/pe"
    verdict "errors-tested/$s" "$TMP/out"
done < "$TMP/syscalls"

[ -n "$CC" ] || fail "compiler" "no gcc found: prototypes were not compile-checked"
[ "$fails" -eq 0 ]
