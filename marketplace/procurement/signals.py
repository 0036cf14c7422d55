"""What other parts of Linli may follow (the site's notice pages, search): sent after
the transaction that made the change commits, with the project's id."""

from django.dispatch import Signal

project_published = Signal()  # kwargs: project_id
project_awarded = Signal()  # kwargs: project_id
