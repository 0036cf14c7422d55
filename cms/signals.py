"""Keep derived CMS state in step with the domain: community editors groups follow staff
assignments and community pages; procurement notices follow the projects' stages.

Both are derived from domain data, so they follow it through signals, after commit:
whichever path creates or removes an assignment, the editors group follows.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from marketplace.accounts.models import CommunityStaffAssignment
from marketplace.procurement.models import Project
from marketplace.procurement.signals import project_awarded, project_published

from .editors import community_editors_sync, community_editors_sync_for_user
from .models import CommunityPage
from .notices import award_notice_publish, tender_notice_publish


@receiver([post_save, post_delete], sender=CommunityStaffAssignment)
def assignment_changed(sender, instance, **kwargs):
    user_id = instance.user_id
    transaction.on_commit(lambda: community_editors_sync_for_user(user_id=user_id))


@receiver(post_save, sender=CommunityPage)
def community_page_saved(sender, instance, **kwargs):
    community_id = instance.community_id
    transaction.on_commit(lambda: community_editors_sync(community_id=community_id))


@receiver(project_published)
def publish_tender_notice(sender, project_id, **kwargs):
    tender_notice_publish(Project.objects.get(pk=project_id))


@receiver(project_awarded)
def publish_award_notice(sender, project_id, **kwargs):
    award_notice_publish(Project.objects.get(pk=project_id))
