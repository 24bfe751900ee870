"""Build bulkdesk.msi from the frozen app: the payload fragment is written from the folder, then Debian's
`wixl` (Linux) or WiX 3's candle + light (Windows) build installer/windows/bulkdesk.wxs.

    python installer/windows/build_msi.py dist/Bulkdesk build/bulkdesk.msi [--icon build/icons/bulkdesk.ico]

The version is pyproject.toml's. Signing is a separate step (installer/windows/sign.sh).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
import tomllib
import uuid
from pathlib import Path
from xml.sax.saxutils import quoteattr

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from desktop.models.settings.policy import MSI_PROPERTIES  # noqa: E402 - the one mapping (no Qt, stdlib only)

WXS = Path(__file__).with_name("bulkdesk.wxs")
#: the payload's component GUIDs derive from their paths, so an upgrade replaces the same components
PAYLOAD_NAMESPACE = uuid.UUID("0c7d3f5e-44b1-4c55-8a0e-93f1d2b6a7e8")


def version() -> str:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _id(prefix: str, relative: str) -> str:
    return prefix + hashlib.sha1(relative.encode("utf-8")).hexdigest()[:20].upper()


def payload_fragment(folder: Path, relative_to: Path) -> str:
    """Every file under `folder` as one component each, in the Payload component group; sources are
    relative to `relative_to` (wixl reads no absolute paths)."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">',
             "  <Fragment>"]
    components: list[str] = []

    def walk(directory: Path, depth: int) -> None:
        pad = "  " * depth
        for path in sorted(directory.iterdir()):
            relative = path.relative_to(folder).as_posix()
            if path.is_dir():
                lines.append(f'{pad}<Directory Id="{_id("D", relative)}" Name={quoteattr(path.name)}>')
                walk(path, depth + 1)
                lines.append(f"{pad}</Directory>")
            else:
                cid = _id("C", relative)
                source = quoteattr(os.path.relpath(path, relative_to))
                guid = str(uuid.uuid5(PAYLOAD_NAMESPACE, relative)).upper()
                lines.append(f'{pad}<Component Id="{cid}" Guid="{guid}" Win64="yes">')
                lines.append(f'{pad}  <File Id="{_id("F", relative)}" Source={source} KeyPath="yes"/>')
                lines.append(f"{pad}</Component>")
                components.append(cid)

    lines.append('    <DirectoryRef Id="INSTALLDIR">')
    walk(folder, 3)
    lines.append("    </DirectoryRef>")
    lines.append('    <ComponentGroup Id="Payload">')
    lines.extend(f'      <ComponentRef Id="{cid}"/>' for cid in components)
    lines += ["    </ComponentGroup>", "  </Fragment>", "</Wix>", ""]
    return "\n".join(lines)


def component_conditions() -> dict[str, str]:
    """{component id: condition} of bulkdesk.wxs (the policy components)."""
    text = WXS.read_text(encoding="utf-8")
    found = re.findall(r'<Component Id="(\w+)"[^>]*>\s*<\?if [^?]*\?><Condition>([^<]*)</Condition>', text)
    return {component: html.unescape(condition) for component, condition in found}


def build(folder: Path, output: Path, icon: Path, product_version: str | None = None) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    fragment = output.with_name("files.wxs")
    base = output.parent.resolve()
    fragment.write_text(payload_fragment(folder.resolve(), base), encoding="utf-8")
    defines = [f"Version={product_version or version()}", f"IconFile={os.path.relpath(icon.resolve(), base)}"]
    if shutil.which("wixl"):
        wixl = [arg for d in [*defines, "Toolset=wixl"] for arg in ("-D", d)]
        command = ["wixl", "-a", "x64", *wixl, "-o", output.name, str(WXS), fragment.name]
        subprocess.run(command, check=True, cwd=base)
        # wixl reads no <Condition> in a <Component>: the same conditions go into the Component table
        queries = [f"UPDATE `Component` SET `Condition` = '{condition}' WHERE `Component` = '{component}'"
                   for component, condition in component_conditions().items()]
        secure = ";".join(x for p in MSI_PROPERTIES.values() for x in (p, f"LOCK{p}"))
        queries.append(f"UPDATE `Property` SET `Value` = 'WIX_UPGRADE_DETECTED;WIX_DOWNGRADE_DETECTED;{secure}' "
                       "WHERE `Property` = 'SecureCustomProperties'")
        queries.append("INSERT INTO `Registry` (`Registry`, `Root`, `Key`, `Name`, `Component_`) VALUES "
                       "('PolicyKeyRemovedOnUninstall', 2, 'Software\\Policies\\Bulkdesk', '-', 'StartMenuShortcut')")
        for query in queries:  # msibuild runs one statement per -q
            subprocess.run(["msibuild", output.name, "-q", query], check=True, cwd=base)
    else:  # WiX 3 on Windows (the release workflow); the same relative sources, from the same folder
        wix3 = [f"-d{d}" for d in [*defines, "Toolset=wix3"]]
        subprocess.run(["candle", "-nologo", "-arch", "x64", *wix3, "-out", "obj\\", str(WXS), fragment.name],
                       check=True, cwd=base)
        subprocess.run(["light", "-nologo", "-o", output.name, "obj\\bulkdesk.wixobj", "obj\\files.wixobj"],
                       check=True, cwd=base)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the frozen app (dist/Bulkdesk)")
    parser.add_argument("output", type=Path)
    parser.add_argument("--icon", type=Path, default=REPO / "build" / "icons" / "bulkdesk.ico")
    parser.add_argument("--version", help="the product version (default: pyproject.toml's)")
    args = parser.parse_args(argv)
    if not (args.folder / "Bulkdesk.exe").is_file():
        print(f"{args.folder} holds no Bulkdesk.exe (the frozen Windows app)", file=sys.stderr)
        return 2
    print(build(args.folder, args.output, args.icon, args.version))
    return 0


if __name__ == "__main__":
    sys.exit(main())
