# Two commands for a new user: `make run` and `make test`.  Both create
# .venv on first use (and again when pyproject.toml changes), then reuse it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint bench bench-startup schema icons map-data bundle bundle-test bundle-sizes \
	wheel-test deb deb-test install-desktop uninstall-desktop clean

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

bench-startup: $(STAMP)
	@tools/ensure_qt_libs.sh $(PY)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/summit-timeline bench-startup

# A standalone one-folder app in dist/summit-timeline, built in its own clean venv.
bundle:
	packaging/build_bundle.sh

# Build, then run the bundled binary offscreen (version, validate, export) and
# validate the .desktop file; about two minutes, so not part of `make test`.
bundle-test:
	packaging/bundle_test.sh

# What takes the space in the bundle, largest first.
bundle-sizes:
	$(PYTHON) packaging/bundle_sizes.py

# The wheel from `python -m build`, installed in a fresh venv outside the
# checkout, every command run from there (also part of `make test`, ~20 s).
wheel-test: $(STAMP)
	@tools/ensure_qt_libs.sh $(PY)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q tests/packaging/test_wheel_install.py

# dist/summit-timeline_VERSION_ARCH.deb from the bundle, checked by lintian.
deb: bundle
	$(PYTHON) packaging/build_deb.py

# Installs the .deb on this machine (root), checks menu entry, file type,
# launch and export, then purges it and checks nothing is left behind.
deb-test: deb $(STAMP)
	packaging/deb_test.sh --no-build

# The world map's country outlines, converted once from Natural Earth's data
# as the npm registry's world-atlas package redistributes it (needs npm).
map-data: $(STAMP)
	$(PY) tools/make_map_data.py

icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) packaging/make_icons.py

install-desktop: $(STAMP)
	$(VENV)/bin/summit-timeline --install-desktop

uninstall-desktop: $(STAMP)
	$(VENV)/bin/summit-timeline --uninstall-desktop

schema: $(STAMP)
	$(PY) -c "from summit_timeline.core.schema import schema_text; import sys; sys.stdout.write(schema_text())" > desktop/summit_timeline/resources/schema/summit-timeline-1.schema.json

clean:
	rm -rf $(VENV) .venv-bundle build dist *.egg-info
