"""pip-audit over the runtime dependencies (what production installs, not the test tools).

Fails on any known vulnerability. When the vulnerability service cannot be reached (this
workplace's package mirror has no per-version JSON API and OSV is not reachable), it says so
loudly and exits 0, or 1 with KPSS_AUDIT_STRICT=1: an audit that checked nothing is not a pass.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from runtime_requirements import runtime  # noqa: E402


def main():
    found = {}
    runtime("kpss-portal", found)
    found.pop("kpss-portal")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as requirements:
        requirements.write("".join(f"{n}=={v}\n" for n, v in sorted(found.items())))
    result = subprocess.run(  # noqa: S603 -- fixed arguments
        [
            str(Path(sys.executable).parent / "pip-audit"),
            "--requirement",
            requirements.name,
            "--no-deps",
            "--disable-pip",
            "--format",
            "json",
            "--progress-spinner",
            "off",
        ],
        capture_output=True,
        text=True,
    )
    os.unlink(requirements.name)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stdout, result.stderr, sep="\n")
        return 1
    vulnerable = [d for d in report["dependencies"] if d.get("vulns")]
    skipped = [d for d in report["dependencies"] if d.get("skip_reason")]
    audited = len(report["dependencies"]) - len(skipped)
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "žádná oprava"
            print(
                f"ZRANITELNOST {dependency['name']} {dependency['version']}: {vuln['id']} ({fixes})"
            )
    print(
        f"pip-audit: {len(found)} běhových závislostí, prověřeno {audited}, "
        f"nedostupných {len(skipped)}, se zranitelností {len(vulnerable)}."
    )
    if vulnerable:
        return 1
    if skipped:
        print(
            "POZOR: služba se zranitelnostmi nebyla dostupná pro "
            + ", ".join(d["name"] for d in skipped[:5])
            + ("…" if len(skipped) > 5 else "")
            + f" ({skipped[0]['skip_reason']})."
        )
        return 1 if os.environ.get("KPSS_AUDIT_STRICT") == "1" else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
