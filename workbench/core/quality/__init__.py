"""Quality estimation of machine drafts: signals, a small logistic regression, its history and its bands.

signals.py gathers what is known about a draft; model.py turns it into a score and a band (a documented
default, or a fit on the office's post-editing history); history.py reads that history (the project's and
the shared one in the data folder); fitting.py fits and stores the model; estimate.py scores drafts and
stores the estimates; calibration.py says how well the bands predicted the edits.
"""
