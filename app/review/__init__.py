"""Review work of the supervision post: the audit chain, completion evaluation and approval,
the spot-check sample, queue and claims, and evidence exports.

Qt-free except `exports` (which uses QtGui for the PDF/HTML renderer); every function here blocks on
the database, so widgets call it through app.tasks.TaskRunner, never on the GUI thread.
"""
