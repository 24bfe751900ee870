#!/usr/bin/env bash
# Sign the app with the hardened runtime, build the disk image, sign it, notarize it and staple the ticket.
#
#   installer/macos/sign_and_notarize.sh [--dry-run] dist/Bulkdesk.app build/Bulkdesk-<version>.dmg
#
# Environment (the release workflow maps its secrets onto these; without an identity the DMG is built
# unsigned and nothing is sent to Apple):
#   BULKDESK_MACOS_IDENTITY     "Developer ID Application: Example Ltd (TEAMID)", in the build keychain
#   BULKDESK_NOTARY_APPLE_ID, BULKDESK_NOTARY_TEAM_ID, BULKDESK_NOTARY_PASSWORD (an app-specific password)
# --dry-run prints every command instead of running it (secrets shown as ***).
set -euo pipefail
dry_run=0
if [ "${1:-}" = "--dry-run" ]; then dry_run=1; shift; fi
app="$1"
dmg="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
identity="${BULKDESK_MACOS_IDENTITY:-}"

run() {  # run, or print with the notary password masked
    if [ "$dry_run" -eq 1 ]; then
        local shown=() arg
        for arg in "$@"; do
            if [ -n "${BULKDESK_NOTARY_PASSWORD:-}" ] && [ "$arg" = "$BULKDESK_NOTARY_PASSWORD" ]; then
                shown+=("***")
            else
                shown+=("$(printf '%q' "$arg")")
            fi
        done
        echo "${shown[*]}"
    else
        "$@"
    fi
}

if [ -n "$identity" ]; then
    sign=(codesign --force --timestamp --options runtime --entitlements "$here/entitlements.plist" --sign "$identity")
    # the nested code first (libraries and the Python extension modules), then the bundle
    run find "$app/Contents" -type f "(" -name "*.dylib" -o -name "*.so" -o -perm -u+x ")" -exec "${sign[@]}" "{}" +
    run "${sign[@]}" "$app"
    run codesign --verify --strict --deep --verbose=2 "$app"
else
    echo "sign_and_notarize.sh: no BULKDESK_MACOS_IDENTITY: the app and the disk image stay unsigned"
fi
run dmgbuild -s "$here/dmg_settings.py" -D "app=$app" Bulkdesk "$dmg"
if [ -z "$identity" ]; then
    exit 0
fi
run codesign --force --timestamp --sign "$identity" "$dmg"
if [ -n "${BULKDESK_NOTARY_APPLE_ID:-}" ] && [ -n "${BULKDESK_NOTARY_TEAM_ID:-}" ] && [ -n "${BULKDESK_NOTARY_PASSWORD:-}" ]; then
    run xcrun notarytool submit "$dmg" --apple-id "$BULKDESK_NOTARY_APPLE_ID" --team-id "$BULKDESK_NOTARY_TEAM_ID" \
        --password "$BULKDESK_NOTARY_PASSWORD" --wait
    run xcrun stapler staple "$dmg"
    run xcrun stapler validate "$dmg"
    run spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
else
    echo "sign_and_notarize.sh: no notary credentials (BULKDESK_NOTARY_*): signed, not notarized"
fi
