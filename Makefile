# The two commands: `make run` and `make test`. Both install what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WITH_SERVICES := $(BIN)/python -m yhteisokeskus.embedded --

.PHONY: run test install lint translations browser messages lock clean backup restore bench-data bench soak

run: install
	$(WITH_SERVICES) $(BIN)/python -m yhteisokeskus.serve

# The suite keeps its embedded services apart from `make run`'s, so both can run at once.
# It runs in parallel, one pytest-xdist worker per core (TEST_WORKERS=0 runs it in one process);
# each worker has its own database (a copy of one migrated template) and cache. Work stealing: a worker
# that runs out of tests takes half of another's queue, so no slow tail runs alone; the
# slow modules start first (tests/conftest.py).
TEST_WORKERS ?= auto
test: install browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	VAR_DIR=var/test $(WITH_SERVICES) $(BIN)/python -m pytest -n $(TEST_WORKERS) --maxprocesses=8 --dist worksteal $(PYTEST_ARGS)

# A large portal for benchmarks in its own database (var/bench): SCALE=1 is the full
# volume (bench/generate.py says what), SCALE=0.01 a quick small one.
SCALE ?= 1
bench-data: install
	VAR_DIR=var/bench $(WITH_SERVICES) sh -c '$(BIN)/python manage.py migrate --noinput && $(BIN)/python -m bench.generate --scale $(SCALE)'

# The portal under load on that database: gunicorn with the production settings, 8
# clients, every endpoint of bench/scenarios.py; figures go to bench/RESULTS.md.
# BENCH_ARGS passes options, e.g. BENCH_ARGS='--seconds 5 --only search'.
bench: install
	VAR_DIR=var/bench $(WITH_SERVICES) sh -c '$(BIN)/python manage.py migrate --noinput && $(BIN)/python -m bench.run $(BENCH_ARGS)'

# Ten minutes of mixed traffic on that database with Redis, then the Celery worker,
# stopped for a minute each (bench/soak.py): no lost write, each email sent once, no
# 5xx; figures go to bench/RESULTS.md. It starts its own Redis, worker, beat and SMTP
# sink; the database needs make bench-data first. SOAK_ARGS='--minutes 2' is quicker.
soak: install
	VAR_DIR=var/bench $(WITH_SERVICES) sh -c '$(BIN)/python manage.py migrate --noinput && $(BIN)/python -m bench.soak $(SOAK_ARGS)'

# pg_dump of the database to FILE (default var/backups/yhteisokeskus-<UTC time>.dump).
backup: install
	$(WITH_SERVICES) $(BIN)/python -m yhteisokeskus.backup dump $(FILE)

# Replace the database's contents with a backup: make restore FILE=var/backups/….dump
restore: install
	$(WITH_SERVICES) $(BIN)/python -m yhteisokeskus.backup restore $(FILE)

install: $(STAMP) translations

$(STAMP): pyproject.toml constraints.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

translations: $(STAMP)
	$(BIN)/python manage.py compiletranslations

# The browser tests drive the system Chromium (Debian's package).
browser:
	@command -v chromium >/dev/null 2>&1 || sh scripts/install-chromium.sh

# Extract new strings into locale/{fi,sv,en} (needs GNU gettext, a developer tool).
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l fi -l sv -l en --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*'

# Regenerate the constraints file after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf $(VENV) var/staticfiles
