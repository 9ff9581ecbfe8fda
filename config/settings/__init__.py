"""Settings for every environment, read from the environment (django-environ).

With no environment at all this is the embedded mode: SQLite, files under var/, e-mail written
to var/mail, Celery tasks run in-process. Production differs only by environment variables
(see .env.example); `manage.py check --deploy` is clean there.

One module a concern, each reading what it needs from the ones before it:

- ``base``: paths, apps, middleware, templates, database, cache, sessions, languages, logging;
- ``accountability``: staff sign-in, second factor, lockout, Rules of Behavior, CSP, audit;
- ``documents``: private document storage, virus scanning, quarantine;
- ``audit``: signed checkpoints of the audit chain and the search-term key;
- ``sso``: single sign-on through the agency's OpenID Connect provider;
- ``celery``: the broker and the beat schedule, as one dict;
- ``domain``: the rules of the case work (queues, information requests, reports, intake);
- ``messaging``: text messages, WhatsApp and the public status page.
"""

from config.settings.accountability import *  # noqa: F403
from config.settings.audit import *  # noqa: F403
from config.settings.base import *  # noqa: F403
from config.settings.celery import *  # noqa: F403
from config.settings.documents import *  # noqa: F403
from config.settings.domain import *  # noqa: F403
from config.settings.messaging import *  # noqa: F403
from config.settings.sso import *  # noqa: F403
