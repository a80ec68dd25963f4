"""The sample nginx configuration (deploy/nginx-kpss.conf) compresses what the site serves."""

import re
from pathlib import Path

CONF = Path(__file__).resolve().parent.parent / "deploy" / "nginx-kpss.conf"


def server_blocks(text):
    """The bodies of the top-level `server { … }` blocks, comments removed."""
    text = re.sub(r"#.*", "", text)
    blocks, depth, start = [], 0, None
    for match in re.finditer(r"\bserver\s*\{|\{|\}", text):
        if match.group().startswith("server") and depth == 0:
            start = match.end()
        if match.group().endswith("{"):
            depth += 1
        else:
            depth -= 1
            if depth == 0 and start is not None:
                blocks.append(text[start : match.start()])
                start = None
    return blocks


def directives(block):
    return {
        match.group(1): match.group(2).split()
        for match in re.finditer(r"^\s*(gzip\w*)\s+([^;]+);", block, re.MULTILINE)
    }


def test_the_public_server_compresses_html_styles_scripts_and_open_data():
    public = next(block for block in server_blocks(CONF.read_text()) if "proxy_cache " in block)
    gzip = directives(public)

    assert gzip["gzip"] == ["on"]
    assert gzip["gzip_proxied"] == ["any"], "also behind a load balancer that adds Via"
    assert gzip["gzip_vary"] == ["on"], "shared caches keep both variants apart"
    # text/html is always compressed once gzip is on (listing it again only draws a warning).
    assert {"text/css", "application/javascript", "application/json", "text/csv"} <= set(
        gzip["gzip_types"]
    )
