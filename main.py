"""`python main.py` opens the workbench; `python main.py COMMAND` runs it headless (see --help)."""

import multiprocessing

from workbench.app import main

if __name__ == "__main__":  # a worker process started for the checks imports this file too: it must do nothing
    multiprocessing.freeze_support()  # a frozen build's worker runs the checks here, not the window
    raise SystemExit(main())
