# Short, named entry points. The README's two commands are `make run` and `make test`.
.PHONY: install run test lint format

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
