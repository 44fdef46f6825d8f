"""What moderation holds about a member: the reports they made and their suspensions."""

from alongside.moderation.models import Report, Suspension


def export(user) -> dict:
    return {
        "reports_made": [
            {
                "reason": report.reason,
                "details": report.details,
                "at": report.created_at.isoformat(),
            }
            for report in Report.objects.filter(reporter=user)
        ],
        "suspensions": [
            {"until": row.until.isoformat(), "reason": row.reason}
            for row in Suspension.objects.filter(user=user)
        ],
    }
