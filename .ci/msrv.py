#!/usr/bin/env python3
"""Checks that Cargo.toml's rust-version is at least what every locked dependency declares.

No older toolchain can be installed on the CI machine (rustup downloads are not reachable), so
the minimum Rust version is checked from the dependencies' own declarations instead:
`cargo metadata --locked` lists each locked package with its `rust-version`; the highest must
not be above ours. (Edition 2024's resolver also prefers versions that fit our rust-version
whenever the lock file is regenerated.)
"""
import json
import subprocess
import sys
import tomllib
from pathlib import Path

root = Path(__file__).resolve().parent.parent
ours = tomllib.loads((root / "Cargo.toml").read_text())["package"]["rust-version"]
meta = json.loads(subprocess.run(
    ["cargo", "metadata", "--format-version", "1", "--locked"],
    cwd=root, check=True, capture_output=True, text=True).stdout)


def parse(v: str) -> tuple:
    return tuple(int(x) for x in v.split("."))[:2]


members = set(meta["workspace_members"])
needs = sorted((parse(p["rust_version"]), p["name"], p["version"])
               for p in meta["packages"] if p.get("rust_version") and p["id"] not in members)
top, name, version = needs[-1]
if top > parse(ours):
    sys.exit(f"Cargo.toml says rust-version {ours}, but {name} {version} needs {'.'.join(map(str, top))}")
print(f"rust-version {ours}: every locked dependency fits (the highest need: {name} {version}, "
      f"{'.'.join(map(str, top))})")
