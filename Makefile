# KPSS portal. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

$(VENV)/bin/activate:
	@command -v $(PYTHON) >/dev/null || { echo "Potřebujete Python 3.11 ($(PYTHON))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/activate pyproject.toml
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e '.[dev]'
	touch $@

AXE_VERSION := 4.10.3
# axe-core for the accessibility tests, from the npm registry (npm pack checks its integrity).
$(VENV)/axe/axe.min.js: | $(VENV)/bin/activate
	@command -v npm >/dev/null || { echo "npm chybí: testy přístupnosti se přeskočí."; exit 0; }; \
	mkdir -p $(VENV)/axe && cd $(VENV)/axe && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null \
	&& tar xzf axe-core-$(AXE_VERSION).tgz --strip-components=1 package/axe.min.js

VNU_VERSION := 26.9.27
# The Nu HTML Checker (vnu.jar, runs on Java) for the markup tests, from the npm registry as well.
$(VENV)/vnu/vnu.jar: | $(VENV)/bin/activate
	@command -v npm >/dev/null || { echo "npm chybí: kontrola HTML se přeskočí."; exit 0; }; \
	mkdir -p $(VENV)/vnu && cd $(VENV)/vnu && npm pack --silent vnu-jar@$(VNU_VERSION) >/dev/null \
	&& tar xzf vnu-jar-$(VNU_VERSION).tgz --strip-components=3 package/build/dist/vnu.jar \
	&& rm vnu-jar-$(VNU_VERSION).tgz

.PHONY: help
help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

.PHONY: install
install: $(VENV)/.installed ## Create .venv and install the site

CATALOGUES := $(wildcard locale/*/LC_MESSAGES/django.po locale_overrides/*/LC_MESSAGES/*.po)

# Only what changed, so that two runs at once (.ci/run) never write the same file.
%.mo: %.po
	msgfmt --check-format -o $@.tmp $< && mv $@.tmp $@

.PHONY: messages
messages: install $(CATALOGUES:.po=.mo) ## Compile the cs and en message catalogues (locale/*.po -> .mo)

# The demo as visitors get it: DEBUG off, so errors show the site's Czech 404 and 500 pages
# (kpss_site/settings/demo.py). `DEBUG=true make run` brings Django's debug pages back.
demo serve: export DJANGO_SETTINGS_MODULE ?= kpss_site.settings.demo

.PHONY: demo
demo: messages ## Migrate and load reference and demo data (SQLite by default)
	mkdir -p var
	$(PY) manage.py migrate --no-input
	$(PY) manage.py kpss_setup
	$(PY) manage.py kpss_demo

.PHONY: run
run: demo ## Install, migrate, load demo data and serve on http://127.0.0.1:8000
	@$(MAKE) --no-print-directory serve

.PHONY: serve
serve: messages ## Serve the site as it is on http://127.0.0.1:8000 (no data loaded)
	@echo "Web: http://$(HOST):$(PORT)/   Administrace: http://$(HOST):$(PORT)/admin/ (přihlašovací údaje vypsány výše)"
	$(PY) manage.py runserver $(HOST):$(PORT)

.PHONY: test
test: $(VENV)/.installed-dev $(VENV)/axe/axe.min.js $(VENV)/vnu/vnu.jar messages ## Install dev dependencies and run the whole test suite
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check $$(find templates -name '*.html')
	$(PY) manage.py check --fail-level WARNING
	$(VENV)/bin/pytest

BACKUP_DIR ?= var/backups
.PHONY: backup
backup: install ## Back up the database and media to BACKUP_DIR (var/backups) [KEEP=n]; docs/backup.md
	$(PY) manage.py kpss_backup --dir "$(BACKUP_DIR)" $(if $(KEEP),--keep "$(KEEP)")

.PHONY: restore
restore: install ## Restore a backup over the database and media: FILE=… [YES=1]
	@test -n "$(FILE)" || { echo "Zadejte zálohu: make restore FILE=$(BACKUP_DIR)/kpss-….tar [YES=1]"; exit 2; }
	$(PY) manage.py kpss_restore "$(FILE)" $(if $(filter 1,$(YES)),--yes)

.PHONY: bench-audit
bench-audit: $(VENV)/.installed-dev ## Audit list and export over 100,000 rows (PostgreSQL on PGHOST)
	$(PY) -m bench.audit

.PHONY: bench-evaluation
bench-evaluation: $(VENV)/.installed-dev ## The evaluation page from 5 to 300 measures and its PDF (PostgreSQL on PGHOST)
	$(PY) -m bench.evaluation

.PHONY: bench-evidence
bench-evidence: $(VENV)/.installed-dev ## Registry import of 2,000 services, ČSÚ import, analysis page (PostgreSQL on PGHOST)
	$(PY) -m bench.evidence

.PHONY: bench
bench: $(VENV)/.installed-dev ## Public pages under load vs a bare Django view and nginx (PostgreSQL on PGHOST)
	@{ command -v wrk && { command -v nginx || test -x /usr/sbin/nginx; } \
	  && test -f /usr/lib/nginx/modules/ngx_http_cache_purge_module.so; } >/dev/null \
	  || { echo "Instaluji wrk a nginx (apt-get)…"; \
	       DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk nginx-light libnginx-mod-http-cache-purge >/dev/null; }
	$(PY) -m bench.run $(BENCH_ARGS)

.PHONY: audit-deps
audit-deps: $(VENV)/.installed-dev ## Known vulnerabilities in the runtime dependencies (pip-audit)
	$(PY) .ci/audit_deps.py

.PHONY: bench-faults
bench-faults: $(VENV)/.installed-dev ## PostgreSQL restarted under load: recovery within 5 s, no lost save (own PostgreSQL 15)
	$(PY) -m bench.faults $(FAULTS_ARGS)

.PHONY: lint
lint: $(VENV)/.installed-dev ## Check code style: ruff, ruff format, djhtml (as .pre-commit-config.yaml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check $$(find templates -name '*.html')
