# 一网通办 — every developer task is one make target.
# With nothing set: SQLite under var/ and tasks run in-process.
# With DATABASE_URL and REDIS_URL: PostgreSQL, Redis and a real Celery worker.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: install demo serve test test-fast lint format worker bench bench-volume migrate messages check clean

$(VENV)/.installed: requirements/lock.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/lock.txt
	touch $@

# The CJK fonts every PDF embeds, brought by the project (bin/fetch-fonts, from the npm registry).
FONTS := vendor/fonts/NotoSansSC-Regular.ttf
$(FONTS):
	bin/fetch-fonts

# Test-only JavaScript (axe-core for the accessibility browser tests), pinned in package-lock.json.
# Skipped, with a note, on a machine without npm: only the axe browser test needs it.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund --silent; \
	else echo "note: npm not found; the axe accessibility browser test will be skipped"; fi

install: $(VENV)/.installed $(FONTS) node_modules/.package-lock.json

migrate: install
	$(BIN)/python manage.py migrate --noinput

## make demo: install, migrate, set up (groups, workflows), load demo data and serve at http://127.0.0.1:$(PORT)
demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_portal
	$(BIN)/python manage.py load_demo_data
	$(BIN)/python manage.py printing_setup
	$(BIN)/python manage.py demo_server --port $(PORT)

## make test: the whole suite (unit, integration, browser)
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## make test-fast: unit tests only
test-fast: install
	$(BIN)/python -m pytest -m "not e2e and not integration" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

## make worker: a Celery worker with beat (needs REDIS_URL)
worker: install
	@test -n "$$REDIS_URL" || { echo "error: REDIS_URL is not set; without it tasks run in-process and no worker is needed"; exit 2; }
	$(BIN)/python manage.py check --fail-level ERROR > /dev/null
	$(BIN)/celery -A config worker --beat --loglevel INFO --concurrency 2

## make bench: serve with gunicorn (2 workers, production settings) and measure against /healthz
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## make bench-volume: 1M synthetic applications in PostgreSQL for bench/bench_applications.py (needs DATABASE_URL)
bench-volume: install
	@case "$$DATABASE_URL" in postgres*) ;; *) echo "error: DATABASE_URL must point at PostgreSQL (the generator uses COPY)"; exit 2;; esac
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_data
	$(BIN)/python bench/volume_applications.py $(VOLUME_ARGS)

messages: install
	$(BIN)/python manage.py makemessages -l en --ignore ".venv/*" --ignore "var/*"
	$(BIN)/python manage.py compilemessages --ignore ".venv/*"

clean:
	rm -rf var/db.sqlite3 var/media var/private var/mail var/staticfiles
