# The two README commands; ARGS is passed through (make run ARGS=--real, make test ARGS="-k import").
ARGS ?=

.PHONY: run test bootstrap lint

run:
	bash scripts/run $(ARGS)

test:
	bash scripts/test $(ARGS)

bootstrap:
	bash scripts/bootstrap test

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy .
	.venv/bin/lint-imports --no-cache
