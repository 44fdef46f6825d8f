from alongside.articles.tests.conftest import _media, library  # noqa: F401
from alongside.conversations.tests.helpers import make_trusted  # noqa: F401
from alongside.treatments.tests.conftest import entry_for, kb, medical_reviewer  # noqa: F401
