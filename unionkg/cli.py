"""Command-line interface (placeholder until the CLI lands)."""


def main(argv=None):
    raise SystemExit("unionkg: CLI not built yet")
