# TĐKT: the two commands of the README are `make demo` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install demo test test-tools lint format messages

$(BIN)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

## install: create the virtual environment with the pinned dependencies
install: $(BIN)/.installed

## demo: install, load real units and demo users into SQLite, serve http://127.0.0.1:8000
demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST)

## test-tools: Debian's Chromium and pdftoppm, which the browser and PDF tests drive
test-tools:
	@scripts/install-test-tools

## test: install, then run the whole test suite (unit, integration and browser tests)
test: install test-tools
	$(BIN)/pytest -n 2 --dist loadfile -m "not serial"
	$(BIN)/pytest -m serial

## lint: ruff lint and format check
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## messages: refresh the gettext catalogues and compile them
messages: install
	$(BIN)/python manage.py makemessages -l vi -l en --ignore=.venv --ignore=staticfiles --ignore=test-artifacts --no-obsolete --add-location=file
	$(BIN)/python manage.py compilemessages --ignore=.venv
