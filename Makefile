# One command to build the site, one to run the tests; each sets up what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site check test serve clean

site: $(VENV)/.installed       ## set up, then build the site into site/
	bash scripts/setup-pdf-tools.sh
	$(BIN)/python scripts/build.py

check: $(VENV)/.installed      ## check the framework data only
	$(BIN)/python scripts/build.py --check

test: $(VENV)/.installed       ## set up (including the test browser), then run every test
	bash scripts/setup-pdf-tools.sh
	bash scripts/setup-test-tools.sh
	$(BIN)/python -m pytest -n 2 --dist loadgroup

serve: $(VENV)/.installed      ## live preview on http://127.0.0.1:8000 (updates on every save)
	$(BIN)/python scripts/serve.py

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

clean:
	rm -rf site build .site.* $(VENV)
