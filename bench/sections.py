"""A benchmark's figures in docs/benchmarks.md: the block between its two marks is replaced, or
added at the end under its heading the first time."""

from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def write_section(name, heading, text):
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    content = BENCHMARKS.read_text()
    block = f"{start}\n{text}\n{end}"
    if start in content:
        head, rest = content.split(start, 1)
        content = head + block + rest.split(end, 1)[1]
    else:
        content += f"\n## {heading}\n\n{block}\n"
    BENCHMARKS.write_text(content)
