"""The demo event: `flask demo seed` (seeding.py); each capability adds its part through `register_seeder`."""
