"""Stand-in worker for the runner's limit tests: input ``sleep…`` hangs, anything else allocates without end."""

from __future__ import annotations

import sys
import time

from handoff.engines.resumes.worker import limit_resources


def main(argv: list[str]) -> None:
    limit_resources(int(argv[2]), int(argv[3]))
    data = sys.stdin.buffer.read()
    if data.startswith(b"sleep"):
        time.sleep(60)
    hoard = []
    while True:
        hoard.append(bytearray(64 * 1024 * 1024))


if __name__ == "__main__":
    main(sys.argv[1:])
