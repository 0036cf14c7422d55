"""Keep the community editors groups in step with staff assignments and community pages.

These are derived permissions (see cms.editors), so they follow the data through signals:
whichever path creates or removes an assignment, the editors group follows after commit.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from marketplace.accounts.models import CommunityStaffAssignment

from .editors import community_editors_sync, community_editors_sync_for_user
from .models import CommunityPage


@receiver([post_save, post_delete], sender=CommunityStaffAssignment)
def assignment_changed(sender, instance, **kwargs):
    user_id = instance.user_id
    transaction.on_commit(lambda: community_editors_sync_for_user(user_id=user_id))


@receiver(post_save, sender=CommunityPage)
def community_page_saved(sender, instance, **kwargs):
    community_id = instance.community_id
    transaction.on_commit(lambda: community_editors_sync(community_id=community_id))
