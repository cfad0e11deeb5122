# The two commands of the README: `make run` and `make test`. Needs only Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
TASK_LOG_LEVEL ?= WARNING

.PHONY: run setup install test lint format messages clean services services-stop search-node search-node-stop \
	stack stack-stop s3-node s3-node-stop

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

setup: install
	$(PY) manage.py compile_translations
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content --url http://127.0.0.1:$(PORT)/

# load_demo_content ends with the site's address and the demo logins: the last lines before the servers'.
# The worker logs only warnings and failed tasks, so that the demo's hundreds of queued tasks (search,
# suggestions, alerts) do not push those lines away; `make run TASK_LOG_LEVEL=INFO` shows every task.
run: setup
	@TASK_LOG_LEVEL=$(TASK_LOG_LEVEL) $(PY) manage.py db_worker --reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(PY) manage.py compile_translations
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: install
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

format: install
	$(PY) -m ruff format . && $(PY) -m ruff check --fix .

# PostgreSQL 15 and Redis on 127.0.0.1 for tests and benchmarks (installed from Debian where missing).
# Not needed by `make run` or `make test`, which default to SQLite and in-process caches.
services:
	@bash bin/services up

services-stop:
	@bash bin/services stop

# A single-node OpenSearch 2.19 on http://127.0.0.1:9200 for tests and development, built with Maven
# from Maven Central jars (needs Java 17+ and mvn); data and log in var/search-node/.
# Not needed by `make run` or `make test`.
search-node:
	@bash bin/search-node start

search-node-stop:
	@bash bin/search-node stop

# The reference production stack of deploy/ on 127.0.0.1 (bin/stack): Varnish on :8080 in front of two
# gunicorn app servers (:8001, :8002) and two task workers, under supervisor, logs in var/log/; its own
# database (innoportal_stack), Redis database and search indexes on `make services` and `make search-node`,
# which it starts where needed and never stops. `make stack STACK_ENV="NAME=VALUE ..."` adds settings.
stack: install
	@bash bin/stack up $(STACK_ENV)

stack-stop:
	@bash bin/stack stop

# An S3-compatible object store (Versity S3 Gateway, built with `go install`) on http://127.0.0.1:7070
# for the object-storage test (S3_TEST_URL) and MEDIA_STORAGE=s3; data and log in var/s3-node/.
s3-node:
	@bash bin/s3-node start

s3-node-stop:
	@bash bin/s3-node stop

# Needs GNU gettext (xgettext); only for developers changing translatable strings.
messages: install
	$(PY) manage.py makemessages --locale zh_Hant --ignore '.venv/*' --ignore 'var/*' --no-obsolete

clean:
	rm -rf var db.sqlite3*
