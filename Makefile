# Fabrique Intake: the two commands of the README, plus helpers.
# `make demo` and `make test` both install everything first (scripts/setup.sh).

.PHONY: setup demo test lint bench corpus

setup:
	./scripts/setup.sh

demo: setup
	.venv/bin/fabrique-intake inspect examples/*.eml

test: setup
	.venv/bin/ruff check .
	.venv/bin/pytest -q

bench: setup
	.venv/bin/python benchmarks/bench_inspect.py

corpus: setup
	.venv/bin/python tests/corpus/generate.py
