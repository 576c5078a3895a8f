"""`python main.py` opens the workbench; `python main.py COMMAND` runs it headless (see --help)."""

from workbench.app import main

if __name__ == "__main__":
    raise SystemExit(main())
