"""The `fabrique-intake` command line: one parser, each command wired in its own module
(inspect, worker, digest, privacy, web) over intake.cli.wiring.

The command modules import the machinery they drive at the top, except the web app
(FastAPI, uvicorn): it is imported only by `web`, so every other command starts without it."""

from __future__ import annotations

import argparse
import os
import sys

from intake.cli.digest import add_digest_command
from intake.cli.inspect import cmd_inspect, wrap_document
from intake.cli.privacy import add_privacy_commands
from intake.cli.web import add_commands as add_web_commands
from intake.cli.worker import add_commands


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="fabrique-intake",
        description="Lecture et contrôle des candidatures à l'appel « La Fabrique CTO ».",
    )
    sub = p.add_subparsers(dest="command", required=True)
    ins = sub.add_parser("inspect", help="lire un courriel de candidature et dire ce qu'il contient et ce qui manque")
    ins.add_argument("messages", nargs="+", metavar="MESSAGE.eml", help="courriel brut (ou document seul)")
    ins.add_argument("--json", action="store_true", help="sortie JSON au format du contrat de dossier")
    ins.add_argument("--config", metavar="PATH", help="fichier config.toml à utiliser")
    ins.set_defaults(func=cmd_inspect)
    add_commands(sub)  # run, dossiers, outbox, health, reprocess
    add_digest_command(sub)
    add_privacy_commands(sub)  # privacy export|erase|retention
    add_web_commands(sub)  # users add|list|disable, web
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `inspect ... | head`: the reader left, not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


__all__ = ["build_parser", "main", "wrap_document"]
