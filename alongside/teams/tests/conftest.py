import pytest

from alongside.conversations.tests.helpers import make_trusted, world  # noqa: F401


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
