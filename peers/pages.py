#!/usr/bin/env python3
"""Lists the pages of a benchmark set, so that every peer runner reads the same pages.

Prints one JSON object per line: {"set", "id", "url", "path"}; `path` may end in .gz.
Standard library only: the Rust and Node runners call this script too.

    python3 peers/pages.py --set wcxb-dev --limit 10
"""

import argparse
import json
import os
import sys

SETS = ["scrapinghub", "wcxb-dev", "trafilatura", "readability", "htmldate", "fundus-dev", "daniel-dev"]
REPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def default_bench():
    """$WARTA_BENCH, else ../shared/bench beside the repo (or beside the worktree folder)."""
    if os.environ.get("WARTA_BENCH"):
        return os.environ["WARTA_BENCH"]
    candidates = [os.path.join(REPO, "..", "shared", "bench"), os.path.join(REPO, "..", "..", "shared", "bench")]
    for candidate in candidates:
        if os.path.isdir(candidate):
            return os.path.normpath(candidate)
    return os.path.normpath(candidates[0])


def scrapinghub(root):
    truth = load_json(os.path.join(root, "ground-truth.json"))
    for key, entry in truth.items():
        yield key, entry.get("url"), os.path.join(root, "html", key + ".html.gz")


def wcxb_dev(root):
    truth_dir = os.path.join(root, "ground-truth")
    for name in os.listdir(truth_dir):
        if not name.endswith(".json"):
            continue
        entry = load_json(os.path.join(truth_dir, name))
        file_id = entry.get("file_id") or name[: -len(".json")]
        yield file_id, entry.get("url"), os.path.join(root, "html", file_id + ".html.gz")


def trafilatura(root):
    for url, entry in load_json(os.path.join(root, "evaldata.json")).items():
        yield entry["file"], url, os.path.join(root, "pages", entry["file"] + ".gz")


def readability(root):
    cases = os.path.join(root, "test-pages")
    for case in os.listdir(cases):
        source = os.path.join(cases, case, "source.html")
        if os.path.isfile(source):
            # The suite gives no page URL (its own harness uses a fake host).
            yield case, None, source


def htmldate(root):
    for name in ("eval_default.json", "eval_mediacloud_2020.json"):
        for url, entry in load_json(os.path.join(root, name)).items():
            yield entry["file"], url, os.path.join(root, "pages", entry["file"] + ".gz")


def fundus_dev(root):
    with open(os.path.join(root, "expected.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                entry = json.loads(line)
                page_id = os.path.basename(entry["file"])[: -len(".html.gz")]
                yield page_id, entry.get("url"), os.path.join(root, entry["file"])


def daniel_dev(root):
    # The set gives no page URL; doc_lg.json lists every page (name -> language).
    for name in load_json(os.path.join(root, "doc_lg.json")):
        yield name, None, os.path.join(root, "html", name + ".gz")


LISTERS = {
    "scrapinghub": scrapinghub,
    "wcxb-dev": wcxb_dev,
    "trafilatura": trafilatura,
    "readability": readability,
    "htmldate": htmldate,
    "fundus-dev": fundus_dev,
    "daniel-dev": daniel_dev,
}


def web_url(url):
    """Some sets key pages by labels that are not URLs ("hard::name", "xhttps://..."): no URL then."""
    return url if url and url.startswith(("http://", "https://")) else None


def load_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def pages(set_name, bench, limit=None):
    """Pages of a set, sorted by id, each id once (the htmldate files list one page twice)."""
    root = os.path.join(bench, set_name)
    seen = {}
    for page_id, url, path in LISTERS[set_name](root):
        seen.setdefault(page_id, {"set": set_name, "id": page_id, "url": web_url(url), "path": path})
    listed = [seen[key] for key in sorted(seen)]
    return listed[:limit] if limit else listed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", required=True, choices=SETS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--bench", default=None, help="bench folder (default: $WARTA_BENCH or ../shared/bench)")
    args = parser.parse_args()
    for page in pages(args.set, args.bench or default_bench(), args.limit):
        sys.stdout.write(json.dumps(page, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
