# Folio: `make run` sets everything up and launches the app; `make test` sets up and tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OFFSCREEN := QT_QPA_PLATFORM=offscreen
N ?= 2000
BENCH_OUT ?= bench-report.json

.PHONY: setup bytecode run test lint format check-system screenshot bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/qt-system-libs.sh
	bash scripts/qt-system-libs.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

check-system:
	bash scripts/qt-system-libs.sh gui

# The app's modules compiled ahead, as an installed app has them: where Python is told not
# to write bytecode (PYTHONDONTWRITEBYTECODE), each launch would compile them again (0.1 s).
bytecode: setup
	$(BIN)/python -m compileall -q reader main.py

run: setup check-system bytecode
	$(BIN)/python main.py $(ARGS)

lint: setup
	$(BIN)/ruff check reader tests main.py scripts
	$(BIN)/ruff format --check reader tests main.py scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

format: setup
	$(BIN)/ruff check --fix reader tests main.py scripts
	$(BIN)/ruff format reader tests main.py scripts

test: setup lint
	$(OFFSCREEN) $(BIN)/python -m pytest $(PYTEST_ARGS)

screenshot: setup
	$(BIN)/python scripts/screenshot.py --all docs

bench: setup
	$(OFFSCREEN) $(BIN)/python -m tests.benchmarks.run --articles $(N) --out $(BENCH_OUT)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
