"""What other apps may hear of imports."""

from django.dispatch import Signal

# Sent once a job's rows are written and its transaction has committed, with `job` (the
# ImportJob) and `sender` the importer class: apps whose figures are made from imported rows
# refresh them now rather than on their next schedule.
job_committed = Signal()
