"""Each community offers its own treatments, grouped by purpose then name, properly labelled."""

from alongside.core.models import Topic


def test_the_ms_checker_offers_ms_treatments_and_co_medications_not_ra_drugs(client, kb):
    page = client.get("/treatments/check/").content.decode()

    assert "Ocrelizumab" in page and "Live vaccines" in page and "Tramadol" in page
    assert "Methotrexate" not in page and "Hydroxychloroquine" not in page
    assert page.index("Disease-modifying therapies") < page.index("Stiffness and spasms")


def test_the_ra_checker_offers_its_own_treatments(client_for, kb):
    page = client_for(host="ra.localhost").get("/treatments/check/").content.decode()

    assert "Methotrexate" in page and "DMARDs" in page and "NSAIDs" in page
    assert "Fingolimod" not in page


def test_the_treatment_list_is_grouped_by_purpose_then_name(client, kb):
    page = client.get("/treatments/").content.decode()

    dmts = page[page.index("Disease-modifying therapies") : page.index("Relapses")]
    assert dmts.index("Alemtuzumab") < dmts.index("Cladribine tablets") < dmts.index("Ublituximab")


def test_topic_labels_are_written_properly(kb):
    names = dict(
        Topic.objects.filter(slug__in=["pml", "dmards", "nsaids"]).values_list("slug", "name")
    )

    assert names == {"pml": "PML", "dmards": "DMARDs", "nsaids": "NSAIDs"}


def test_the_ms_checker_offers_a_sleeping_tablet_under_sleep(client, kb):
    page = client.get("/treatments/check/").content.decode()

    start = page.index("<legend>Sleep</legend>")
    sleep = page[start : page.index("</fieldset>", start)]
    assert "Zolpidem" in sleep


def test_biosimilars_and_generics_are_found_by_their_own_names(client, kb):
    for name, generic in (
        ("Tyruko", "Natalizumab"),
        ("natalizumab-sztn", "Natalizumab"),
        ("Glatopa", "Glatiramer acetate"),
    ):
        found = client.get("/treatments/search/", {"q": name}).content.decode()
        assert generic in found, name
