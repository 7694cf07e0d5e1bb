#!/usr/bin/env bash
# Checks, on Linux, the Windows installer pieces this repository adds to
# Tauri's NSIS installer (src-tauri/nsis/): the Windows installer itself can
# only be built on Windows (see .github/workflows/release.yml).
#
# 1. The pinned Tauri CLI (node_modules, from package-lock.json) carries the
#    NSIS template and its English strings. Every string key it defines must
#    be in our Indonesian.nsh, and no other key.
# 2. That template must still declare $DeleteAppDataCheckboxState, insert our
#    NSIS_HOOK_PREUNINSTALL in the uninstall section, and only then delete
#    $LOCALAPPDATA\<identifier>: the order our data-keeping hook relies on.
# 3. makensis compiles hooks.nsh and Indonesian.nsh in the same order the
#    template includes them, with warnings as errors.
# Needs: npm ci done, makensis (Debian package nsis).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "nsis-check: FAIL: $*" >&2; exit 1; }

cli_bin=$(ls node_modules/@tauri-apps/cli-*/cli.*.node 2>/dev/null | head -n1 || true)
[ -n "$cli_bin" ] || fail "no Tauri CLI in node_modules (run: npm ci)"
command -v makensis >/dev/null || fail "makensis not found (apt-get install nsis)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. String keys.
grep -a -o 'LangString [A-Za-z0-9_]* ${LANG_ENGLISH}' "$cli_bin" | awk '{print $2}' | sort -u >"$work/en.keys"
grep -o '^LangString [A-Za-z0-9_]* ${LANG_INDONESIAN}' src-tauri/nsis/Indonesian.nsh | awk '{print $2}' | sort -u >"$work/id.keys"
[ -s "$work/en.keys" ] || fail "no English strings found in $cli_bin (template layout changed?)"
if ! diff -u "$work/en.keys" "$work/id.keys" >"$work/keys.diff"; then
  cat "$work/keys.diff" >&2
  fail "src-tauri/nsis/Indonesian.nsh does not have exactly the keys of the pinned Tauri CLI ('-' missing, '+' extra)"
fi

# 2. The template's uninstall section, as compiled into the CLI.
python3 - "$cli_bin" <<'PY' || fail "the NSIS template no longer runs our hook before deleting the data folder"
import sys
data = open(sys.argv[1], 'rb').read()
start = data.find(b'Unicode true\nManifestDPIAware true')
assert start >= 0, 'template not found'
tpl = data[start:start + 200_000].split(b'\0', 1)[0].decode('utf-8', 'replace')
assert 'Var DeleteAppDataCheckboxState' in tpl, 'variable renamed'
sec = tpl.index('Section Uninstall')
hook = tpl.index('!insertmacro NSIS_HOOK_PREUNINSTALL', sec)
check = tpl.index('${If} $DeleteAppDataCheckboxState = 1', sec)
rmdir = tpl.index('RmDir /r "$LOCALAPPDATA\\${BUNDLEID}"', sec)
assert hook < check < rmdir, 'order changed'
PY

# 3. Compile our files in a harness shaped like the template: hooks included
# before the variables are declared, language files after MUI_LANGUAGE.
ident=$(sed -n 's/^ *"identifier": *"\([^"]*\)".*/\1/p' src-tauri/tauri.conf.json)
{
  echo 'Unicode true'
  echo '!include MUI2.nsh'
  echo '!include LogicLib.nsh'
  echo "!include \"$PWD/src-tauri/nsis/hooks.nsh\""
  echo '!define PRODUCTNAME "Loket TTE"'
  echo '!define VERSION "0.0.0"'
  echo "!define BUNDLEID \"$ident\""
  echo 'Name "${PRODUCTNAME}"'
  echo "OutFile \"$work/check.exe\""
  echo 'RequestExecutionLevel user'
  echo 'Var DeleteAppDataCheckboxState'
  echo '!insertmacro MUI_PAGE_INSTFILES'
  echo '!insertmacro MUI_UNPAGE_INSTFILES'
  echo '!insertmacro MUI_LANGUAGE "Indonesian"'
  echo '!insertmacro MUI_LANGUAGE "English"'
  echo "!include \"$PWD/src-tauri/nsis/Indonesian.nsh\""
  while read -r k; do echo "LangString $k \${LANG_ENGLISH} \"-\""; done <"$work/en.keys"
  echo 'Section'
  while read -r k; do echo "  DetailPrint \"\$($k)\""; done <"$work/en.keys"
  echo "  WriteUninstaller \"\$TEMP\\uninstall.exe\""
  echo 'SectionEnd'
  echo 'Section Uninstall'
  echo '  !insertmacro NSIS_HOOK_PREUNINSTALL'
  echo 'SectionEnd'
} >"$work/check.nsi"
if ! makensis -WX -V2 -INPUTCHARSET UTF8 "$work/check.nsi" >"$work/makensis.log" 2>&1; then
  cat "$work/makensis.log" >&2
  fail "makensis could not compile src-tauri/nsis/*.nsh"
fi
echo "nsis-check: PASS ($(wc -l <"$work/en.keys") strings; hook runs before the data folder could be deleted; makensis -WX clean)"
