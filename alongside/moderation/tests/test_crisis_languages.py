"""Crisis language per community and language: what is screened, and which help is shown."""

import pytest

from alongside.communities.models import CrisisLanguage
from alongside.moderation.crisis import mentions_crisis, phrases_for
from alongside.moderation.models import Report

pytestmark = pytest.mark.django_db

FRENCH_HELP = "Appelez le 3114, numéro national de prévention du suicide."
ENGLISH_HELP = "Call the Samaritans on 116 123."


@pytest.fixture
def french_community(community):
    """A French-speaking community that also screens English."""
    community.default_language = "fr"
    community.crisis_resources = ENGLISH_HELP
    community.save()
    CrisisLanguage.objects.create(community=community, language="fr", resources=FRENCH_HELP)
    return community


def _post_update(client, text):
    return client.post("/feed/new/", {"body": text, "audience": "members"}, follow=True)


def test_a_french_phrase_in_a_french_community_shows_the_french_resources(
    french_community, trusted, client_for
):
    page = _post_update(client_for(trusted()), "Franchement, j'ai envie de MOURIR ce soir.")
    html = page.content.decode()
    assert "3114" in html and "116 123" not in html
    assert Report.objects.get().is_automatic


def test_the_author_sees_the_resources_of_their_own_language(
    french_community, trusted, client_for, settings
):
    settings.LANGUAGES = [("en", "English"), ("fr", "French")]
    CrisisLanguage.objects.create(community=french_community, language="en", resources=ENGLISH_HELP)
    author = trusted()
    english = _post_update(client_for(author), "I want to die").content.decode()
    assert "116 123" in english and "3114" not in english
    french = client_for(author)
    french.defaults["HTTP_ACCEPT_LANGUAGE"] = "fr"
    assert "3114" in _post_update(french, "Je veux mourir").content.decode()


def test_a_community_screens_only_its_languages(community, trusted, client_for):
    """The MS community speaks English and has not added French."""
    _post_update(client_for(trusted()), "Je veux mourir")
    assert not Report.objects.exists()
    CrisisLanguage.objects.create(community=community, language="fr")
    _post_update(client_for(trusted()), "Je veux me suicider")
    assert Report.objects.count() == 1


def test_a_language_without_resources_falls_back_to_the_main_language(
    french_community, trusted, client_for
):
    CrisisLanguage.objects.create(community=french_community, language="es", resources="")
    html = _post_update(client_for(trusted()), "No quiero vivir así").content.decode()
    assert "3114" in html


def test_a_language_without_a_phrase_list_is_screened_in_english(community, trusted, client_for):
    community.default_language = "it"
    community.save()
    assert phrases_for("it") == phrases_for("en")
    assert phrases_for("fr-ca") == phrases_for("fr") != phrases_for("en")
    html = _post_update(client_for(trusted()), "I want to die").content.decode()
    assert "You are not alone" in html and Report.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Je pense à mettre fin à mes jours"),
        ("fr", "JE VEUX MOURIR"),
        ("de", "Ich möchte STERBEN"),
        ("de", "Gedanken an Selbstmord"),
        ("de", "Ich will mich umbringen."),
        ("es", "Quiero quitarme la vida"),
        ("es", "pienso en hacerme daño"),
    ],
)
def test_phrases_match_whatever_the_case_and_accents(language, text):
    assert mentions_crisis(text, languages=[language])


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Je meurs de faim après la perfusion"),
        ("de", "Das Mittel tötet Bakterien"),
        ("es", "Mi suegra es muy suicidamente graciosa"),
        ("es", "Voy al matadero"),
    ],
)
def test_phrases_match_on_word_boundaries_only(language, text):
    assert not mentions_crisis(text, languages=[language])
