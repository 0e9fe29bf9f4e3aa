"""CPU seconds used so far by the servers listening on some loopback addresses, as JSON.

    .venv/bin/python benchmarks/load/cpu.py web=http://127.0.0.1:8000 search=$ELASTICSEARCH_URL

On a machine shared with other work, response times say as much about the neighbours as about
the site. CPU seconds per request do not: the run script reads these before and after the load,
and the report divides the difference by the number of requests.
"""

import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

TICKS = os.sysconf("SC_CLK_TCK")


def listeners(port):
    """Process ids listening on the port, from ``ss``."""
    output = subprocess.run(
        ["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True, check=True
    ).stdout
    return {int(part.split("=")[1]) for part in output.replace(",", " ").split() if "pid=" in part}


def children():
    tree = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            tree.setdefault(parent, []).append(int(name))
    return tree


def cpu_seconds(pid):
    """User and system time of the process and of its children that have exited."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(value) for value in fields[11:15]) / TICKS


def tree_cpu(roots, tree):
    seen, stack = set(), list(roots)
    while stack:
        pid = stack.pop()
        if pid not in seen:
            seen.add(pid)
            stack.extend(tree.get(pid, []))
    return sum(cpu_seconds(pid) for pid in seen)


def main(argv):
    tree = children()
    result = {}
    for argument in argv[1:]:
        name, _, url = argument.partition("=")
        port = urlsplit(url).port
        result[name] = tree_cpu(listeners(port), tree) if port else None
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
