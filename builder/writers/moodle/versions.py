"""The Moodle versions a backup is written for, and fixed identity values of the backup."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """What one backup declares and which shape it takes.

    Restore warns when the backup's moodle_version is newer than the site's ($CFG->version <
    moodle_version in restore_prechecks_helper), so each target declares the oldest Moodle of its
    line: its .0 release (4.4 being the oldest 4.x we verified)."""

    key: str  # '4' or '5': the value of course.yml's moodle.version that picks it
    moodle_version: str
    moodle_release: str
    backup_version: str
    backup_release: str
    module_versions: dict[str, str]  # each module's plugin version in that Moodle (module.xml)
    suffix: str  # what the file name adds to the short name
    question_bank_activity: bool  # 5.0+: questions live in a mod_qbank activity, not the course
    sites: str  # the Moodle versions it restores into without a warning, as said to a person

    def filename(self, short_name: str) -> str:
        """The backup's file name: 'nettiopastajalle.mbz', 'nettiopastajalle-moodle5.mbz'."""
        return f"{short_name}{self.suffix}.mbz"

    @property
    def since_45(self) -> bool:
        """Whether the backup carries the elements Moodle 4.5 added (subsections, quiz grade items)."""
        return self.question_bank_activity


# The values a 4.4 site writes (../shared/moodle-reference/moodle-4.4/unpacked/moodle_backup.xml).
# Moodle 4.5 restores a 4.4 backup without any warning.
MOODLE_4 = Target(
    key="4",
    moodle_version="2023112400",
    moodle_release="4.4dev (Build: 20231124)",
    backup_version="2023100900",
    backup_release="4.4",
    module_versions={"page": "2023100900", "book": "2023100900", "resource": "2023100900", "quiz": "2023100900"},
    suffix="",
    question_bank_activity=False,
    sites="4.4, 4.5",
)

# Moodle 5.0.0's own numbers (2025041400, the version every 5.0.x site is at or above); the
# elements are those 5.0.6+ writes (../shared/moodle-reference/moodle-5.0/). Moodle 5.1 restores
# a 5.0 backup without any warning.
MOODLE_5 = Target(
    key="5",
    moodle_version="2025041400",
    moodle_release="5.0 (Build: 20250414)",
    backup_version="2025041400",
    backup_release="5.0",
    module_versions={k: "2025041400" for k in ("page", "book", "resource", "quiz", "qbank")},
    suffix="-moodle5",
    question_bank_activity=True,
    sites="5.0, 5.1",
)

TARGETS = {"4": (MOODLE_4,), "5": (MOODLE_5,), "both": (MOODLE_4, MOODLE_5)}

# Where the backup claims to come from. No real site has this identity, so restore never treats
# the backup as coming from the same site (which would make it reuse that site's users and files).
ORIGINAL_WWWROOT = "https://coursebuild.invalid"
SITE_IDENTIFIER = "coursebuild"
