# Short, named entry points. The README's two commands are `make run` and `make test`.
.PHONY: install run test lint format bench-load bench-search bench-relevance

install:
	scripts/install

run:
	scripts/run

test:
	scripts/test

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

format:
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .

# 100 practitioners browsing and searching for 3 minutes; figures in docs/benchmarks.md.
bench-load:
	benchmarks/load/run

# Search timings, SQL queries per search and rebuild speed at 1k, 10k and 100k findings.
bench-search:
	benchmarks/run-search

# nDCG@10 of the judged practitioner queries on the demo content: the database backend on SQLite,
# and Elasticsearch too; figures in docs/benchmarks.md.
bench-relevance:
	scripts/services/with-services .venv/bin/python benchmarks/relevance.py
