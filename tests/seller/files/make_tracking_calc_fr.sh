#!/bin/sh
# Regenerates the tracking CSVs saved by LibreOffice Calc in a French locale (issue 29, bug 4), as a
# seller makes them: tracking-typed.csv (what was typed, UTF-8, commas) opened in Calc 7.4 (Debian 12
# libreoffice-calc 4:7.4.7) with the UI and document locale fr-FR, then saved as "Texte CSV":
# semicolons, Windows-1252, "save cell contents as shown".
#   tracking-calc-fr-general.csv: the numbers column left in the Standard format -> the 20-digit SSCC
#       becomes 3,40434161234568E+017 (digits and leading zeros lost);
#   tracking-calc-fr-text.csv: the same column imported as Text -> kept as typed.
# The refs REF-A... are replaced by real order refs in the tests (plain ASCII in the bytes Calc wrote).
set -e
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
export HOME="$work/home"
profile="$HOME/.config/libreoffice/4/user"
mkdir -p "$profile"
cat > "$profile/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>fr-FR</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>fr-FR</value></prop></item>
</oor:items>
XCU
out='csv:Text - txt - csv (StarCalc):59,34,1252,1,,1036,false,true,true'
cp "$here/tracking-typed.csv" "$work/tracking-calc-fr-general.csv"
cp "$here/tracking-typed.csv" "$work/tracking-calc-fr-text.csv"
mkdir -p "$work/out"
soffice --headless --norestore --infilter="CSV:44,34,76,1,,1036,false,true" --convert-to "$out" \
    --outdir "$work/out" "$work/tracking-calc-fr-general.csv"
soffice --headless --norestore --infilter="CSV:44,34,76,1,1/1/2/1/3/2,1036,false,true" --convert-to "$out" \
    --outdir "$work/out" "$work/tracking-calc-fr-text.csv"
cp "$work/out/tracking-calc-fr-general.csv" "$work/out/tracking-calc-fr-text.csv" "$here/"
rm -rf "$work"
