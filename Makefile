# Two commands for a fresh machine: `make run` starts the app, `make test` runs the tests.
# Each creates the virtual environment in .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip 'setuptools>=70.1'
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/nianbao gui $(if $(FILE),$(FILE),--example)

# SLOW=1 adds the long fault and fuzz runs (thousands of inputs, 1,000 kills); CI runs it that way.
test: $(STAMP)
	$(BIN)/ruff check app ui tests benchmarks
	QT_QPA_PLATFORM=offscreen NIANBAO_SLOW=$(if $(SLOW),1,0) $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build *.egg-info

# Desktop packages (packaging/README.md): `make bundle` builds the one-folder application in dist/nianbao,
# `make deb` the Debian/统信UOS/麒麟 package from it, `make smoke` both and then runs the built bundle and
# .deb (tests/test_packaging.py with NIANBAO_SLOW=1). The bundle is built in a venv of its own with the
# versions of packaging/constraints-bundle.txt, so it is the same whenever it is built; `make test` keeps the
# current versions in .venv.
PKG_VENV := .venv-bundle
PKG_BIN := $(PKG_VENV)/bin
PKG_STAMP := $(PKG_VENV)/.installed

.PHONY: bundle deb smoke

$(PKG_STAMP): pyproject.toml packaging/constraints-bundle.txt
	test -x $(PKG_BIN)/python || $(PYTHON) -m venv $(PKG_VENV)
	$(PKG_BIN)/python -m pip install --quiet -c packaging/constraints-bundle.txt pip setuptools
	$(PKG_BIN)/python -m pip install --quiet -c packaging/constraints-bundle.txt -e '.[package]'
	touch $(PKG_STAMP)

bundle: $(PKG_STAMP)
	$(PKG_BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/nianbao.spec
	du -sh dist/nianbao

deb: bundle
	$(PKG_BIN)/python packaging/linux/build_deb.py --bundle dist/nianbao --out dist

smoke: deb $(STAMP)
	NIANBAO_SLOW=1 NIANBAO_SMOKE=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/test_packaging.py -q

# The .deb for older systems (统信UOS, 麒麟; packaging/README.md): bundle and .deb built inside a Debian 11
# root (glibc 2.31) with CPython 3.11 compiled there and the versions of packaging/constraints-bundle.txt, then
# installed with apt into a fresh Debian 11 root and run there, then every ELF file checked against the glibc
# floor. Run as root; about 6 minutes from nothing on 2 cores. Result: dist/bullseye/.
.PHONY: deb-oldest smoke-oldest

deb-oldest: $(STAMP)
	packaging/oldest/build.sh all
	NIANBAO_OLDEST_REQUIRED=1 $(BIN)/python -m pytest tests/test_packaging_glibc.py -q

# Only the last two steps, for a .deb already in dist/bullseye/.
smoke-oldest: $(STAMP)
	packaging/oldest/build.sh smoke
	NIANBAO_OLDEST_REQUIRED=1 $(BIN)/python -m pytest tests/test_packaging_glibc.py -q
