# SwapWatch developer commands. `make run` and `make test` set up everything they need themselves.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501
DATA ?= data
# Browser tests drive Debian's Chromium (Playwright cannot download a browser here).
CHROMIUM ?= /usr/bin/chromium
# make serve: Streamlit replicas behind nginx (Debian's), listening on SERVE_ADDRESS:PORT.
REPLICAS ?= 2
SERVE_ADDRESS ?= 127.0.0.1
NGINX ?= /usr/sbin/nginx
SUDO := $(shell [ "$$(id -u)" -ne 0 ] && command -v sudo)

.PHONY: run serve test validate stats schema bench help

help:
	@echo "make run       set up .venv and start the dashboard (and its data URLs) on http://localhost:$(PORT)"
	@echo "make serve     REPLICAS=4: that many dashboards behind nginx on http://$(SERVE_ADDRESS):$(PORT) (sticky sessions)"
	@echo "make test      set up .venv and run the whole test suite"
	@echo "make validate  check the YAML records in $(DATA)/"
	@echo "make stats     print the row count of every table"
	@echo "make schema    regenerate schema/swapwatch.schema.json from the record models"
	@echo "make bench     measure loads, reloads, queries and page reruns at 1k-100k events (BENCH=--quick: faster)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements-test.txt requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.runtime-installed

run: $(VENV)/.runtime-installed
	SWAPWATCH_DATA=$(DATA) $(BIN)/streamlit run serve.py --server.port $(PORT)

serve: $(VENV)/.runtime-installed $(NGINX)
	SWAPWATCH_DATA=$(DATA) $(BIN)/python -m swapwatch.replicas --replicas $(REPLICAS) --port $(PORT) --address $(SERVE_ADDRESS)

# nginx-light where Debian still has it, else nginx. Only the binary is used: the package's own service is not started.
$(NGINX):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends nginx-light \
	  || DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends nginx

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium fonts-liberation

test: $(VENV)/.test-installed $(CHROMIUM) $(NGINX)
	SWAPWATCH_CHROMIUM=$(CHROMIUM) SWAPWATCH_NGINX=$(NGINX) $(BIN)/python -m pytest

validate: $(VENV)/.runtime-installed
	$(BIN)/python -m swapwatch validate $(DATA)

stats: $(VENV)/.runtime-installed
	$(BIN)/python -m swapwatch stats $(DATA)

schema: $(VENV)/.runtime-installed
	$(BIN)/python -m swapwatch schema

bench: $(VENV)/.runtime-installed
	$(BIN)/python -m bench $(BENCH)
