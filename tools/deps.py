#!/usr/bin/env python3
"""Module dependency graph of thidua's src/, and a check that it has no cycles.

Reads src/**/*.rs (not lib.rs or main.rs, which only declare and re-export), collects the
`crate::a::b`, `super::…` and `use crate::{…}` paths each file names, and resolves them to
modules. An edge a -> b means code in a names something in b. Edges are reported between
top-level modules (`render -> site`) and between sibling sub-modules of one parent
(`render::templates -> render::view`); a child naming its own parent is not an edge.

Prints the graph, then every cycle, and exits 1 if there is one (0 otherwise).
Usage: python3 tools/deps.py [ROOT]   (ROOT defaults to the repository holding this script)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def strip(code: str) -> str:
    """The code with comments, strings and char literals blanked out (lines kept)."""
    out: list[str] = []
    i, n = 0, len(code)
    while i < n:
        c = code[i]
        if code.startswith("//", i):
            j = code.find("\n", i)
            i = n if j < 0 else j
        elif code.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if code.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif code.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    if code[i] == "\n":
                        out.append("\n")
                    i += 1
        elif (m := re.compile(r'b?r(#*)"').match(code, i)) and (
            i == 0 or not (code[i - 1].isalnum() or code[i - 1] == "_")
        ):
            end = code.find('"' + m.group(1), m.end())
            end = n if end < 0 else end + 1 + len(m.group(1))
            out.append('""' + "\n" * code.count("\n", i, end))
            i = end
        elif c == '"':
            j = i + 1
            while j < n and code[j] != '"':
                j += 2 if code[j] == "\\" else 1
            out.append('""' + "\n" * code.count("\n", i, j))
            i = j + 1
        elif c == "'" and (m := re.compile(r"'(\\[^']{1,10}|[^\\'])'").match(code, i)):
            out.append("' '")
            i = m.end()
        else:
            out.append(c)
            i += 1
    return "".join(out)


def modules(src: Path) -> tuple[dict[Path, tuple[str, ...]], set[tuple[str, ...]]]:
    """Each source file's module path, and the set of all module paths."""
    files: dict[Path, tuple[str, ...]] = {}
    for f in sorted(src.rglob("*.rs")):
        parts = list(f.relative_to(src).with_suffix("").parts)
        if parts in (["lib"], ["main"]) or parts[:1] == ["bin"]:
            continue
        if parts[-1] == "mod":
            parts.pop()
        files[f] = tuple(parts)
    return files, set(files.values())


PATH = re.compile(r"\b(crate|super)\s*::")
IDENT = re.compile(r"\s*(r#)?([A-Za-z_][A-Za-z0-9_]*)")


def paths_at(code: str, i: int) -> list[list[str]]:
    """The paths of a use tree or path starting at code[i] (after the first `::`)."""
    found: list[list[str]] = []

    def tree(i: int, prefix: list[str]) -> int:
        while True:
            while i < len(code) and code[i].isspace():
                i += 1
            if i < len(code) and code[i] == "{":
                i += 1
                while True:
                    while i < len(code) and (code[i].isspace() or code[i] == ","):
                        i += 1
                    if i >= len(code) or code[i] == "}":
                        return i + 1
                    j = tree(i, list(prefix))
                    if j <= i:
                        return j + 1
                    i = j
            m = IDENT.match(code, i)
            if not m:
                if code.startswith("*", i):
                    found.append(prefix)
                    return i + 1
                found.append(prefix)
                return i
            prefix = prefix + [m.group(2)]
            i = m.end()
            m2 = re.compile(r"\s*::").match(code, i)
            if not m2:
                found.append(prefix)
                return i
            i = m2.end()

    tree(i, [])
    return found


def inline_mods(code: str) -> list[tuple[int, int, str]]:
    """Spans of inline `mod name { … }` blocks: (start, end, name)."""
    spans = []
    for m in re.finditer(r"\bmod\s+([A-Za-z_][A-Za-z0-9_]*)\s*\{", code):
        depth, j = 1, m.end()
        while j < len(code) and depth:
            depth += {"{": 1, "}": -1}.get(code[j], 0)
            j += 1
        spans.append((m.end(), j, m.group(1)))
    return spans


def reexports(lib: Path) -> dict[str, list[str]]:
    """Names lib.rs re-exports at the crate root (`pub use build::{Progress, build};`)."""
    names: dict[str, list[str]] = {}
    if not lib.exists():
        return names
    code = strip(lib.read_text(encoding="utf-8"))
    for m in re.finditer(r"\bpub\s+use\s+(?:crate\s*::\s*)?", code):
        for p in paths_at(code, m.end()):
            if len(p) > 1:
                names[p[-1]] = p[:-1]
    return names


def edges(root: Path) -> dict[tuple[str, ...], dict[str, set[str]]]:
    """For each parent module (() for the crate), its children's edges: child -> {child}."""
    files, known = modules(root / "src")
    rooted = reexports(root / "src" / "lib.rs")
    graph: dict[tuple[str, ...], dict[str, set[str]]] = {}
    for mod in sorted(known):
        graph.setdefault(mod[:-1], {}).setdefault(mod[-1], set())
    for f, mod in files.items():
        code = strip(f.read_text(encoding="utf-8"))
        spans = inline_mods(code)
        for m in PATH.finditer(code):
            here = list(mod)
            for start, end, name in spans:
                if start <= m.start() < end:
                    here.append(name)
            kind, i = m.group(1), m.end()
            base: list[str] = [] if kind == "crate" else here[:-1]
            # `super::super::…`
            while sm := re.compile(r"\s*super\s*::").match(code, i):
                base, i = base[:-1], sm.end()
            for p in paths_at(code, i):
                target = base + p
                if target and target[0] in rooted:
                    target = rooted[target[0]] + target
                k = 0
                while k < min(len(mod), len(target)) and mod[k] == target[k]:
                    k += 1
                if k >= len(mod) or k >= len(target):
                    continue  # names an ancestor or itself
                if tuple(target[: k + 1]) in known:
                    graph[tuple(mod[:k])][mod[k]].add(target[k])
    return graph


def cycles(nodes: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(nodes.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    graph = edges(root)
    bad = []
    for parent in sorted(graph):
        nodes = graph[parent]
        prefix = "::".join(parent) + "::" if parent else ""
        if len(nodes) > 1 or parent == ():
            print(f"# {'crate' if not parent else '::'.join(parent)}")
            for v in sorted(nodes):
                deps = ", ".join(sorted(nodes[v]))
                print(f"{prefix}{v} -> {deps}" if deps else f"{prefix}{v}")
        for comp in cycles(nodes):
            bad.append(", ".join(prefix + c for c in comp))
    for b in bad:
        print(f"cycle: {b}", file=sys.stderr)
    if bad:
        print(f"{len(bad)} dependency cycle(s) between modules of src/", file=sys.stderr)
        return 1
    print("no cycles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
