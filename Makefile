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
	.venv/bin/pip install -q -e ".[test,corpus]"
	.venv/bin/python -m tests.corpus.generate
	.venv/bin/python tests/holdout/generate.py
	.venv/bin/python tests/holdout2/generate.py
