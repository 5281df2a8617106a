"""The Moodle version the backup declares, and fixed identity values of the backup."""

from __future__ import annotations

# Restore warns when the backup's moodle_version is newer than the site's ($CFG->version <
# moodle_version in restore_prechecks_helper), so the backup declares the oldest verified Moodle:
# the values a 4.4 site writes (../shared/moodle-reference/moodle-4.4/unpacked/moodle_backup.xml).
# Moodle 4.5 restores a 4.4 backup without any warning.
MOODLE_VERSION = "2023112400"
MOODLE_RELEASE = "4.4dev (Build: 20231124)"
BACKUP_VERSION = "2023100900"
BACKUP_RELEASE = "4.4"

# The version each module's plugin had in that Moodle; written as module.xml's version attribute.
MODULE_VERSIONS = {
    "page": "2023100900",
    "book": "2023100900",
    "resource": "2023100900",
    "quiz": "2023100900",
}

# Where the backup claims to come from. No real site has this identity, so restore never treats
# the backup as coming from the same site (which would make it reuse that site's users and files).
ORIGINAL_WWWROOT = "https://coursebuild.invalid"
SITE_IDENTIFIER = "coursebuild"
