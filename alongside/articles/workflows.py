"""Wagtail's workflow hooks, in a module that imports nothing: Wagtail loads it while its own
models load (WAGTAIL_FINISH_WORKFLOW_ACTION)."""


def review_workflow_finish(workflow_state, user=None) -> None:
    """Publish the revision the reviewer approved, not merely the newest one (Wagtail's
    default), so an autosave or edit after the approval never goes live unreviewed."""
    workflow_state.current_task_state.revision.publish(user=user)
