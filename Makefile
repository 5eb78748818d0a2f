# Two commands for a new user: `make run` and `make test`.  Both create
# .venv on first use (and again when pyproject.toml changes), then reuse it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint bench schema clean

$(STAMP): pyproject.toml
	$(PYTHON) tools/bootstrap_venv.py $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	@tools/ensure_qt_libs.sh $(PY)
	$(VENV)/bin/summit-timeline $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: $(STAMP) lint
	@tools/ensure_qt_libs.sh $(PY)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q

bench: $(STAMP)
	@tools/ensure_qt_libs.sh $(PY)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/summit-timeline bench $(if $(SIZES),--sizes $(SIZES))

schema: $(STAMP)
	$(PY) -c "from summit_timeline.core.schema import schema_text; import sys; sys.stdout.write(schema_text())" > resources/schema/summit-timeline-1.schema.json

clean:
	rm -rf $(VENV) build dist *.egg-info
