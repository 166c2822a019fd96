# Fabrique Intake: the two commands of the README, plus helpers.
# `make demo` and `make test` both install everything first (scripts/setup.sh).

.PHONY: setup demo inspect-demo test lint bench bench-worker bench-web bench-digest corpus

setup:
	./scripts/setup.sh

# One intake cycle over the example proposals: they are delivered into a fresh demo
# Maildir (var/demo/, recreated each time), read, filed and answered; the answers are
# left as .eml files in var/demo/outbox/, and the triage table is printed.
demo: setup
	.venv/bin/python scripts/demo_mailbox.py var/demo
	.venv/bin/fabrique-intake run --once --data var/demo
	@echo
	.venv/bin/fabrique-intake dossiers --data var/demo
	@echo
	@echo "Réponses aux porteurs : var/demo/outbox/*.eml ; rapport détaillé : make inspect-demo"
	@echo
	@# In a terminal, the demo ends with the secretariat's web app running (Ctrl+C stops it);
	@# run by a script (no terminal), it prints the one command that starts it.
	@if [ -t 0 ]; then .venv/bin/fabrique-intake web --data var/demo --demo-account; \
	else echo "Application du secrétariat : .venv/bin/fabrique-intake web --data var/demo --demo-account"; fi

# The detailed reading of each example, without storing or sending anything.
inspect-demo: setup
	.venv/bin/fabrique-intake inspect examples/*.eml

# As root with apt-get (CI's case: .ci/run), setup.sh has installed PostgreSQL or stopped with
# an error, so the PostgreSQL tests must run: FABRIQUE_REQUIRE_POSTGRES=1 turns a missing or
# broken server into a failure instead of a skip. Elsewhere (no root, no apt) setup.sh only
# warns, and those tests skip with a message. A value set by the caller is kept.
test: setup
	.venv/bin/ruff check .
	.venv/bin/mypy
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  export FABRIQUE_REQUIRE_POSTGRES="$${FABRIQUE_REQUIRE_POSTGRES:-1}"; fi; \
	.venv/bin/pytest -q

bench: setup
	.venv/bin/python benchmarks/bench_inspect.py

# The worker against a private Dovecot and aiosmtpd (loopback): APPEND-to-answer latency
# under IDLE, throughput on a 300-message backlog next to inspect alone, idle poll on
# mailboxes of 100 and 10,000 messages. About 4 minutes; figures in benchmarks/results/worker.json.
bench-worker: setup
	.venv/bin/python benchmarks/bench_worker.py

# The secretariat's pages on 2,000 dossiers (SQLite, app in process, logged in): queue and
# dossier page, median of 20, next to a bare SELECT of the same rows. About 40 s; figures
# in benchmarks/results/web.json.
bench-web: setup
	.venv/bin/python benchmarks/bench_web.py

# The committee's pack for 50 proposals of the labelled corpus (filed by the real worker),
# next to WeasyPrint writing 50 plain one-page documents. About 2 minutes; figures in
# benchmarks/results/digest.json.
bench-digest: setup
	.venv/bin/python benchmarks/bench_digest.py

corpus: setup
	.venv/bin/pip install -q -e ".[test,corpus]"
	.venv/bin/python -m tests.corpus.generate
	.venv/bin/python tests/holdout/generate.py
	.venv/bin/python tests/holdout2/generate.py
