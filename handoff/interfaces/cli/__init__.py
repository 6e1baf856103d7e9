"""Management commands: the operator interface, reached through the `handoff` command."""
