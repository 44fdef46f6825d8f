"""Treatment histories, reports and insight summaries through the treatments app's own demo
step (bulk inserts of seeded histories for every synthetic member without one, then the
insight refresh), so the figures are computed exactly as the app computes them."""

from alongside.demo.scale.cast import Cast


def treatments_make(cast: Cast, progress) -> dict:
    from alongside.demo.treatments import treatments_demo
    from alongside.treatments.models import MemberTreatment, TreatmentInsight

    before = MemberTreatment.objects.filter(community=cast.community).count()
    treatments_demo(communities=[cast.community], stdout=_Quiet())
    progress(1, 1)
    added = MemberTreatment.objects.filter(community=cast.community).count() - before
    insights = TreatmentInsight.objects.filter(community=cast.community).count()
    return {"treatment entries": added, "treatment insights": insights} if added else {}


class _Quiet:
    def write(self, text: str) -> None:
        pass
