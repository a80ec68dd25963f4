"""Print the installed runtime dependencies of the project (no dev extras), pinned, for
pip-audit: what production installs, not the test tools."""

import re
from importlib import metadata

from packaging.requirements import Requirement


def runtime(name, seen):
    key = re.sub(r"[-_.]+", "-", name).lower()
    if key in seen:
        return
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return
    seen[key] = dist.version
    for line in dist.requires or []:
        requirement = Requirement(line)
        # Dependencies of extras (ours: dev, s3) are not installed in production by default.
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue
        runtime(requirement.name, seen)


if __name__ == "__main__":
    found = {}
    runtime("kpss-portal", found)
    found.pop("kpss-portal")
    for name, version in sorted(found.items()):
        print(f"{name}=={version}")
