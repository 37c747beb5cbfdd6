from django.core.management.base import BaseCommand

from portal.roles import ROLE_PERMISSIONS, sync_roles


class Command(BaseCommand):
    help = "Create the role groups and give each exactly its listed permissions."

    def handle(self, *args, **options):
        sync_roles()
        self.stdout.write(f"Roles: {', '.join(ROLE_PERMISSIONS)}")
