#!/usr/bin/env bash
# Sign an MSI (or .exe) with Authenticode when a certificate is given, else say so and leave it unsigned.
#
#   installer/windows/sign.sh build/bulkdesk.msi
#
# Environment (the release workflow maps its secrets onto these):
#   BULKDESK_SIGN_PFX + BULKDESK_SIGN_PASSWORD   a PKCS#12 file and its password, or
#   BULKDESK_SIGN_CERT + BULKDESK_SIGN_KEY       PEM certificate (chain) and private key
#   BULKDESK_SIGN_TIMESTAMP                      RFC 3161 timestamp URL (optional; none when unset)
# Uses signtool on Windows (when it is on PATH), osslsigncode elsewhere.
set -euo pipefail
file="$1"
if [ -z "${BULKDESK_SIGN_PFX:-}" ] && [ -z "${BULKDESK_SIGN_CERT:-}" ]; then
    echo "sign.sh: no certificate given (BULKDESK_SIGN_PFX or BULKDESK_SIGN_CERT): $file left unsigned"
    exit 0
fi
description=(-n "Bulkdesk" -i "https://bulkdesk.eu")
timestamp=()
if command -v signtool >/dev/null 2>&1 && [ -n "${BULKDESK_SIGN_PFX:-}" ]; then
    [ -n "${BULKDESK_SIGN_TIMESTAMP:-}" ] && timestamp=(/tr "$BULKDESK_SIGN_TIMESTAMP" /td sha256)
    signtool sign /fd sha256 /f "$BULKDESK_SIGN_PFX" /p "${BULKDESK_SIGN_PASSWORD:-}" /d Bulkdesk \
        "${timestamp[@]}" "$file"
    signtool verify /pa "$file"
    exit 0
fi
[ -n "${BULKDESK_SIGN_TIMESTAMP:-}" ] && timestamp=(-ts "$BULKDESK_SIGN_TIMESTAMP")
if [ -n "${BULKDESK_SIGN_PFX:-}" ]; then
    key=(-pkcs12 "$BULKDESK_SIGN_PFX" -pass "${BULKDESK_SIGN_PASSWORD:-}")
else
    key=(-certs "$BULKDESK_SIGN_CERT" -key "$BULKDESK_SIGN_KEY")
fi
osslsigncode sign "${key[@]}" -h sha256 "${description[@]}" "${timestamp[@]}" -in "$file" -out "$file.signed"
mv "$file.signed" "$file"
echo "sign.sh: signed $file"
