"""One module per command, each defining ``command`` (a click command)."""
