#!/usr/bin/env python
"""Django's command-line utility; the installed `handoff` command wraps the same thing."""

from handoff.cli import main

if __name__ == "__main__":
    main()
