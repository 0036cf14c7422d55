from django.core.management.base import BaseCommand
from tqdm import tqdm

from cms.editors import community_editors_sync
from marketplace.regions.models import Region, RegionLevel


class Command(BaseCommand):
    help = (
        "Rebuild every community's editors group from its staff assignments and pages "
        "(for databases created before the groups existed; safe to repeat)."
    )

    def handle(self, *args, **options):
        communities = list(
            Region.objects.filter(level=RegionLevel.COMMUNITY).values_list("pk", flat=True)
        )
        for community_id in tqdm(communities, unit="community", disable=not options["verbosity"]):
            community_editors_sync(community_id=community_id)
        self.stdout.write(f"synced {len(communities)} communities")
