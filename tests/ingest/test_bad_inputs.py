"""The bad-input corpus: every file in tests/ingest/bad/ is refused with its exact first error,
and the store is left exactly as it was (every row of every table compared).

Files are named <kind>_<what is wrong>: census returns, HR extracts of each kind, and the
published statistics table. The store holds the sample authority (posts and staff) first, so
references to workers and teams can be checked.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from thrive.ingest.census_import import import_census
from thrive.ingest.extract_import import import_extract
from thrive.ingest.fields import KINDS
from thrive.ingest.published_figures import import_dfe_stats
from thrive.problems import ImportValidationError, UnreadableFileError

BAD = Path(__file__).parent / "bad"
TODAY = date(2024, 10, 15)

FIRST_ERROR = {
    "allocations_bad_case_type.csv": (
        "allocations_bad_case_type.csv, row 2, case_type: found 'adoption'; expected one of cin "
        "(Child in need), cp (Child protection), cla (Child looked after), care_leaver (Care "
        "leaver)"
    ),
    "allocations_birth_age.csv": (
        "allocations_birth_age.csv, row 2, age_band: found '7'; expected one of 0 (Under 1), 1-4 "
        "(1 to 4), 5-9 (5 to 9), 10-15 (10 to 15), 16+ (16 and over)"
    ),
    "allocations_no_child.csv": (
        "allocations_no_child.csv, row 2, child_id: found nothing; expected a value: child_id is "
        "required"
    ),
    "allocations_overlap.csv": (
        "allocations_overlap.csv, row 3, start_date: found '2024-02-01'; expected a date after "
        "child C1's spell of row 2, which is still open (one spell at a time: give that spell "
        "its end date)"
    ),
    "allocations_overlaps_stored_closed.csv": (
        "allocations_overlaps_stored_closed.csv, row 2, start_date: found '2024-04-15'; expected "
        "no overlap with child C901's spell already in Thrive, from 2023-06-01 to 2024-04-30 (one "
        "spell at a time: give that spell its end date in this file, or undo the import that "
        "stored it)"
    ),
    "allocations_overlaps_stored_open.csv": (
        "allocations_overlaps_stored_open.csv, row 2, start_date: found '2024-05-01'; expected no "
        "overlap with child C900's spell already in Thrive, from 2024-03-01 still open (one spell "
        "at a time: give that spell its end date in this file, or undo the import that stored it)"
    ),
    "allocations_reason_without_end.csv": (
        "allocations_reason_without_end.csv, row 2, end_date: found nothing; expected a value: "
        "end_reason worker_left needs the day it ended"
    ),
    "allocations_unknown_team.csv": (
        "allocations_unknown_team.csv, row 2, team: found 'Child Protection Nowhere'; expected a "
        "team already in Thrive (import the posts extract first, or add the team in the admin)"
    ),
    "allocations_wait_lost_worker.csv": (
        "allocations_wait_lost_worker.csv, row 2, end_reason: found 'worker_left'; expected "
        "allocated or case_closed: a child waiting with no worker cannot lose a worker"
    ),
    "allocations_zero_complexity.csv": (
        "allocations_zero_complexity.csv, row 2, complexity: found '0'; expected a number more "
        "than 0 and at most 5"
    ),
    "absence_more_days_than_span.csv": (
        "absence_more_days_than_span.csv, row 2, working_days_lost: found '5'; "
        "expected at most the 2 calendar days from start_date to end_date"
    ),
    "absence_unknown_reason.csv": (
        "absence_unknown_reason.csv, row 2, reason: found 'FLU'; expected one of MAT "
        "(Maternity or paternity leave), OTH (Other paid authorised absence), PUB "
        "(Public duties), SIC (Sickness), TRN (Training), UNA (Unauthorised absence), "
        "UNP (Unpaid authorised absence)"
    ),
    "appraisal_bad_cycle.csv": (
        "appraisal_bad_cycle.csv, row 2, cycle: found '2024'; expected an appraisal "
        "year written like 2023/24"
    ),
    "caseloads_corrupt.xlsx": (
        "caseloads_corrupt.xlsx: this is not a readable Excel workbook (ZipError: "
        "invalid Zip archive: Could not find EOCD)"
    ),
    "caseloads_duplicate_rows.csv": (
        "caseloads_duplicate_rows.csv, row 3, date: found '2024-09-30'; expected one "
        "row per worker and date: row 2 has the same"
    ),
    "caseloads_fractional.csv": (
        "caseloads_fractional.csv, row 2, cases: found '2.5'; expected a whole number at least 0 "
        "and at most 200"
    ),
    "caseloads_negative.csv": (
        "caseloads_negative.csv, row 2, cases: found '-3'; expected a whole number at least 0 and "
        "at most 200"
    ),
    "caseloads_no_worker.csv": (
        "caseloads_no_worker.csv, heading row, worker_id: found nothing; expected a "
        "column identifying the worker: worker_id or swe_number"
    ),
    "caseloads_unknown_worker.csv": (
        "caseloads_unknown_worker.csv, row 2, worker_id: found 'E424242'; expected a "
        "worker already in Thrive for 999 (import the staff extract or census first)"
    ),
    "census_agency_with_reason.xml": (
        "census_agency_with_reason.xml, Message/CSWWWorker[8]/ReasonLeave, "
        "ReasonLeave: found '1'; expected no value: an agency worker is never a leaver "
        "of the LA, so has no ReasonLeave or LeaverDestination"
    ),
    "census_bad_date_format.xml": (
        "census_bad_date_format.xml, Message/CSWWWorker[1]/PersonBirthDate, "
        "PersonBirthDate: found '14/03/1980'; expected a date written YYYY-MM-DD"
    ),
    "census_bad_la_number.xml": (
        "census_bad_la_number.xml, Message/Header, LEA: found '93'; expected the "
        "3-digit LA number, e.g. 933"
    ),
    "census_bad_reference_date.xml": (
        "census_bad_reference_date.xml, Message/Header, ReferenceDate: found "
        "'2024-03-31'; expected 2024-09-30, the census date of collection year 2024"
    ),
    "census_bad_swe_number.xml": (
        "census_bad_swe_number.xml, Message/CSWWWorker[1]/SWENo, SWENo: found 'AB12'; "
        "expected SW123456"
    ),
    "census_blank.xml": (
        "census_blank.xml: the file is not complete, well-formed XML (no element "
        "found: line 3, column 0); it may be cut short or not be XML at all"
    ),
    "census_duplicate_swe.xml": (
        "census_duplicate_swe.xml, Message/CSWWWorker[2], SWENo: found 'SW100001'; "
        "expected one record per worker and role: SWENo, OrgRole and RoleStartDate are "
        "the same as in Message/CSWWWorker[1]"
    ),
    "census_empty.xml": ("census_empty.xml: the file is empty (0 bytes)"),
    "census_end_before_start.xml": (
        "census_end_before_start.xml, Message/CSWWWorker[5]/RoleEndDate, RoleEndDate: "
        "found '2024-06-30'; expected a date on or after RoleStartDate (2024-07-01)"
    ),
    "census_external_entity.xml": (
        "census_external_entity.xml: the file has a DOCTYPE declaration, which Thrive "
        "refuses: a census return never needs one, and it is how XML entity bombs and "
        "external entities get in"
    ),
    "census_fte_1_7.xml": (
        "census_fte_1_7.xml, Message/CSWWWorker[1]/FTE, FTE: found '1.7'; expected a "
        "number with at most 6 decimal places, at least 0 and at most 1"
    ),
    "census_fte_seven_places.xml": (
        "census_fte_seven_places.xml, Message/CSWWWorker[1]/FTE, FTE: found "
        "'0.1234567'; expected a number with at most 6 decimal places, at least 0 and "
        "at most 1"
    ),
    "census_future_start.xml": (
        "census_future_start.xml, Message/CSWWWorker[1]/RoleStartDate, RoleStartDate: "
        "found '2030-01-01'; expected a date on or before the census date 2024-09-30 "
        "(it is in the future for this return)"
    ),
    "census_gendercurrent_in_2024.xml": (
        "census_gendercurrent_in_2024.xml, Message/CSWWWorker[1]/GenderCurrent, "
        "GenderCurrent: found '2'; expected no GenderCurrent element: from 2024 the "
        "return records Sex (M or F) instead of GenderCurrent"
    ),
    "census_huge_field.xml": (
        "census_huge_field.xml, Message/CSWWWorker[1]/QualInst, QualInst: found "
        "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "xx... (1,000,000 characters)'; expected text of at most 120 characters"
    ),
    "census_leaver_fte30_not_zero.xml": (
        "census_leaver_fte30_not_zero.xml, Message/CSWWWorker[5]/FTE30, FTE30: found "
        "'1.000000'; expected 0: a leaver is not in post at 30 September, so FTE30 is 0"
    ),
    "census_leaver_without_reason.xml": (
        "census_leaver_without_reason.xml, Message/CSWWWorker[5]/ReasonLeave, "
        "ReasonLeave: found nothing; expected a value: a leaver (RoleEndDate in the "
        "year) needs both ReasonLeave and LeaverDestination"
    ),
    "census_missing_birth_date.xml": (
        "census_missing_birth_date.xml, Message/CSWWWorker[1]/PersonBirthDate, "
        "PersonBirthDate: found nothing; expected PersonBirthDate is required for a "
        "directly employed worker: a date written YYYY-MM-DD"
    ),
    "census_missing_la_level.xml": (
        "census_missing_la_level.xml, Message/LALevelVacancies, LALevelVacancies: "
        "found nothing; expected an LALevelVacancies element"
    ),
    "census_negative_cases.xml": (
        "census_negative_cases.xml, Message/CSWWWorker[1]/Cases30, Cases30: found "
        "'-1'; expected a whole number, at least 0 and at most 200"
    ),
    "census_nested_element.xml": (
        "census_nested_element.xml, Message/CSWWWorker[1]/FTE, FTE: found nothing; "
        "expected a simple value, not nested elements"
    ),
    "census_nonleaver_with_reason.xml": (
        "census_nonleaver_with_reason.xml, Message/CSWWWorker[1]/ReasonLeave, "
        "ReasonLeave: found '1'; expected no value: a worker without a RoleEndDate has "
        "not left, so has no ReasonLeave or LeaverDestination"
    ),
    "census_not_xml.xml": (
        "census_not_xml.xml: the file is not complete, well-formed XML (syntax error: "
        "line 1, column 0); it may be cut short or not be XML at all"
    ),
    "census_qualinst_in_2025.xml": (
        "census_qualinst_in_2025.xml, Message/CSWWWorker[1]/QualInst, QualInst: found "
        "'University of Bristol'; expected no QualInst element: from 2025 the return "
        "no longer collects QualInst"
    ),
    "census_truncated.xml": (
        "census_truncated.xml: the file is not complete, well-formed XML (Premature end "
        "of data in tag CSWWWorker line 41, line 45, column 5); it may be cut short"
    ),
    "census_unknown_ethnicity.xml": (
        "census_unknown_ethnicity.xml, Message/CSWWWorker[1]/Ethnicity, Ethnicity: "
        "found 'XXXX'; expected one of WBRI (White British), WIRI (White Irish), WOTH "
        "(Any other White background), MWBC (White and Black Caribbean), MWBA (White "
        "and Black African), MWAS (White and Asian), MOTH (Any other mixed "
        "background), AIND (Indian), APKN (Pakistani), ABAN (Bangladeshi), AOTH (Any "
        "other Asian background), BCRB (Black Caribbean), BAFR (Black African), BOTH "
        "(Any other Black background), CHNE (Chinese), OOTH (Any other ethnic group), "
        "REFU (Refused), NOBT (Information not yet obtained)"
    ),
    "census_unknown_orgrole.xml": (
        "census_unknown_orgrole.xml, Message/CSWWWorker[1]/OrgRole, OrgRole: found "
        "'7'; expected one of 1 (Senior manager), 2 (Middle manager), 3 (First line "
        "manager), 4 (Senior practitioner), 5 (Case holder), 6 (Qualified without "
        "cases)"
    ),
    "census_unknown_year.xml": (
        "census_unknown_year.xml, Message/Header, Year: found '2016'; expected a "
        "collection year Thrive knows: 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025"
    ),
    "census_wrong_collection.xml": (
        "census_wrong_collection.xml, Message/Header, Collection: found 'SWFC'; "
        "expected CSWW (this is not a CSWW return)"
    ),
    "census_wrong_root.xml": (
        "census_wrong_root.xml: the root element is <CINCensus>; expected <Message> (a "
        "CSWW census return)"
    ),
    "census_xml_bomb.xml": (
        "census_xml_bomb.xml: the file has a DOCTYPE declaration, which Thrive "
        "refuses: a census return never needs one, and it is how XML entity bombs and "
        "external entities get in"
    ),
    "dfe_stats_bad_cell.csv": (
        "dfe_stats_bad_cell.csv, row 2, cases: found 'n/a'; expected a number from 0 to "
        "10,000,000 or one of the markers z, x, c, u, low, :"
    ),
    "dfe_stats_not_the_table.csv": (
        "dfe_stats_not_the_table.csv: this is not the Department's children's social "
        "work workforce table: it has no time_period, geographic_level, country_code, "
        "region_code, region_name, old_la_code, new_la_code, la_name columns"
    ),
    "leavers_not_employed.csv": (
        "leavers_not_employed.csv, row 2, leaving_date: found '2024-08-31'; expected a "
        "date when the worker was employed (no employment spell covers it)"
    ),
    "posts_new_team_without_kind.csv": (
        "posts_new_team_without_kind.csv, row 2, team_kind: found nothing; expected a "
        "team kind, to create team 'Front Door' (it is new to Thrive)"
    ),
    "staff_agency_with_reason.csv": (
        "staff_agency_with_reason.csv, row 2, reason_leave: found '1'; expected "
        "nothing: agency workers are not leavers of the council"
    ),
    "staff_bad_disability.csv": (
        "staff_bad_disability.csv, row 2, disability: found 'Sometimes'; expected one of yes "
        "(Disabled), no (Not disabled), prefer_not_to_say (Prefer not to say), not_known (Not "
        "known)"
    ),
    "staff_bad_date.csv": (
        "staff_bad_date.csv, row 2, start_date: found '31/02/2024'; expected a real "
        "date such as 2024-09-30 or 30/09/2024 or 30-09-2024"
    ),
    "staff_bad_encoding.csv": (
        "staff_bad_encoding.csv: the file is neither UTF-8 nor Windows-1252 text (byte "
        "0x81 at position 164, line 2): save it as 'CSV UTF-8'"
    ),
    "staff_duplicate_swe.csv": (
        "staff_duplicate_swe.csv, row 3, swe_number: found 'SW500101'; expected a "
        "Social Work England number of this worker only: row 2 gives it to worker "
        "E000101"
    ),
    "staff_empty.csv": ("staff_empty.csv: the file is empty (0 bytes)"),
    "staff_end_before_start.csv": (
        "staff_end_before_start.csv, row 2, end_date: found '2024-01-31'; expected a "
        "date on or after start_date (2024-06-03)"
    ),
    "staff_fte_1_7.csv": (
        "staff_fte_1_7.csv, row 2, fte: found '1.7'; expected a number more than 0 and at most 1"
    ),
    "staff_future_start.csv": (
        "staff_future_start.csv, row 2, start_date: found '2031-06-03'; expected a "
        "date not in the future (today is 2024-10-15)"
    ),
    "staff_headings_only.csv": (
        "staff_headings_only.csv: at least one data row under the headings"
    ),
    "staff_huge_field.csv": (
        "staff_huge_field.csv, row 2, worker_id: found "
        "'E99999999999999999999999999999999999999999999999999999999999999999999999999999"
        "99... (100,001 characters)'; expected text of at most 16 characters"
    ),
    "staff_leaver_without_destination.csv": (
        "staff_leaver_without_destination.csv, row 2, leaver_destination: found "
        "nothing; expected a value: a leaver needs both reason_leave and "
        "leaver_destination"
    ),
    "staff_missing_birth_date.csv": (
        "staff_missing_birth_date.csv, row 2, birth_date: found nothing; expected a "
        "value: the census needs it for employed staff"
    ),
    "staff_missing_team_column.csv": (
        "staff_missing_team_column.csv, heading row, team: found nothing; expected a "
        "column for team (headed 'team' or 'Team')"
    ),
    "staff_no_headings.csv": (
        "staff_no_headings.csv: no heading row found in the first 20 rows: expected "
        "headings for a staff extract such as team, grade, contract_type, fte, "
        "start_date (profile 'generic')"
    ),
    "staff_overlapping_spell.csv": (
        "staff_overlapping_spell.csv, row 2, start_date: found '2020-06-01'; expected "
        "a spell that does not overlap this worker's spell in the same role from "
        "2021-01-04 to now"
    ),
    "staff_semicolons.csv": (
        "staff_semicolons.csv: the columns are separated by semicolons (';') but "
        "profile 'generic' expects commas: save the file comma-separated or set "
        "delimiter in the profile"
    ),
    "staff_unknown_grade.csv": (
        "staff_unknown_grade.csv, row 2, grade: found 'wizard'; expected one of asye "
        "(ASYE social worker), social_worker (Social worker), senior_practitioner "
        "(Senior practitioner), consultant_social_worker (Consultant social worker), "
        "team_manager (Team manager), operations_manager (Operations manager), "
        "head_of_service (Head of service)"
    ),
    "staff_unknown_team.csv": (
        "staff_unknown_team.csv, row 2, team: found 'Atlantis'; expected a team "
        "already in Thrive (import the posts extract first, or add the team in the "
        "admin)"
    ),
    "staff_utf16.csv": (
        "staff_utf16.csv: this is UTF-16 text: save it as 'CSV UTF-8' (or Windows-1252) instead"
    ),
    "staff_workbook_named_csv.csv": (
        "staff_workbook_named_csv.csv: this is an Excel workbook (XLSX), not CSV text: "
        "give it a .xlsx name"
    ),
    "asye_outcome_without_date.csv": (
        "asye_outcome_without_date.csv, row 2, outcome_date: found nothing; expected a "
        "value: an ASYE outcome needs its date"
    ),
    "asye_review_before_start.csv": (
        "asye_review_before_start.csv, row 2, review_3_months: found '2023-06-01'; "
        "expected a date on or after start_date (2023-09-04)"
    ),
    "cpd_missing_title_column.csv": (
        "cpd_missing_title_column.csv, heading row, title: found nothing; expected a "
        "column for title (headed 'title' or 'Title')"
    ),
    "cpd_unknown_worker.csv": (
        "cpd_unknown_worker.csv, row 2, worker_id: found 'E424242'; expected a worker "
        "already in Thrive for 999 (import the staff extract or census first)"
    ),
    "exit_interviews_bad_yes_no.csv": (
        "exit_interviews_bad_yes_no.csv, row 2, would_return: found 'maybe'; expected yes "
        "or no (also y, n, true, false, 1 or 0)"
    ),
    "exit_interviews_same_reasons.csv": (
        "exit_interviews_same_reasons.csv, row 2, secondary_reason: found 'workload'; "
        "expected a reason other than primary_reason, or nothing"
    ),
    "exit_interviews_unknown_leaving.csv": (
        "exit_interviews_unknown_leaving.csv, row 2, leaving_date: found '2024-06-30'; "
        "expected the end date of a spell this worker left (their leavings: 2024-05-31)"
    ),
    "line_management_overlap.csv": (
        "line_management_overlap.csv, row 3, start_date: found '2022-01-01'; expected a "
        "line that does not overlap this worker's line from 2021-01-04 to now (one line "
        "manager at a time)"
    ),
    "line_management_own_manager.csv": (
        "line_management_own_manager.csv, row 2, manager_id: found 'E000002'; expected "
        "someone other than the worker: no one is their own manager"
    ),
    "line_management_unknown_manager.csv": (
        "line_management_unknown_manager.csv, row 2, manager_id: found 'E424242'; "
        "expected a worker already in Thrive (the line manager must be on the workforce)"
    ),
    "schemes_unknown_scheme.csv": (
        "schemes_unknown_scheme.csv, row 2, scheme: found 'mentoring'; expected one of "
        "aspirant_manager (Aspirant manager scheme), practice_educator (Practice "
        "educator), leadership (Leadership programme)"
    ),
    "stay_conversations_future_date.csv": (
        "stay_conversations_future_date.csv, row 2, date: found '2030-07-01'; expected a "
        "date not in the future (today is 2024-10-15)"
    ),
    "stay_conversations_held_by_both.csv": (
        "stay_conversations_held_by_both.csv, row 2, held_by_name: found 'HR business "
        "partner'; expected nothing when held_by_id is given: either who held it or their "
        "name, not both"
    ),
    "survey_duplicate_answer.csv": (
        "survey_duplicate_answer.csv, row 3, item: found 'valued'; expected one row per "
        "wave and respondent and item: row 2 has the same"
    ),
    "survey_new_wave_without_kind.csv": (
        "survey_new_wave_without_kind.csv, row 2, wave_kind: found nothing; expected a "
        "value: wave 'All-staff survey 2030' is new to Thrive, so it needs its wave_kind"
    ),
    "survey_score_out_of_range.csv": (
        "survey_score_out_of_range.csv, row 2, score: found '6'; expected a whole number "
        "at least 1 and at most 5"
    ),
    "survey_unknown_team.csv": (
        "survey_unknown_team.csv, row 2, team: found 'Fostering East'; expected a team "
        "already in Thrive (import the posts extract first, or add the team in the admin)"
    ),
    "teams_closed_before_opened.csv": (
        "teams_closed_before_opened.csv, row 2, closed: found '2019-03-31'; expected a "
        "date on or after opened (2020-04-01)"
    ),
    "team_managers_unknown_team.csv": (
        "team_managers_unknown_team.csv, row 2, team: found 'Fostering East'; expected "
        "a team already in Thrive (import the posts extract first, or add the team in the "
        "admin)"
    ),
    "registration_unknown_event.csv": (
        "registration_unknown_event.csv, row 2, event: found 'suspended'; expected one "
        "of registered (First registered), renewed (Renewed), lapsed (Lapsed), removed "
        "(Removed)"
    ),
    "targets_unknown_measure.csv": (
        "targets_unknown_measure.csv, row 2, measure: found 'turnover'; expected the name "
        "of a measure (docs/metrics.md, All measures), such as turnover_rate, "
        "turnover_rate_headcount"
    ),
    "targets_group_for_a_rate.csv": (
        "targets_group_for_a_rate.csv, row 2, group: found 'Asian'; expected nothing: "
        "turnover_rate does not take a group (only the workforce, starters and leavers by "
        "ethnicity, sex and age band do)"
    ),
    "staff_qualified_in_future.csv": (
        "staff_qualified_in_future.csv, row 2, qualified_on: found '2031-07-01'; expected "
        "a date not in the future (today is 2024-10-15)"
    ),
    "census_cases_20_digits.xml": (
        "census_cases_20_digits.xml, Message/CSWWWorker[1]/Cases30, Cases30: found "
        "'99999999999999999999'; expected a whole number, at least 0 and at most 200"
    ),
    "census_cases_5000_digits.xml": (
        "census_cases_5000_digits.xml, Message/CSWWWorker[1]/Cases30, Cases30: found "
        "'99999999999999999999999999999999999999999999999999999999999999999999999999999999... "
        "(5,000 characters)'; expected a whole number, at least 0 and at most 200"
    ),
    "census_unknown_encoding.xml": (
        "census_unknown_encoding.xml: line 1, the XML declaration: unknown encoding: U-F-8 (a "
        'census return is UTF-8: encoding="UTF-8")'
    ),
    "census_vacancies_huge.xml": (
        "census_vacancies_huge.xml, Message/LALevelVacancies/NumberOfVacancies, "
        "NumberOfVacancies: found '100000000.00'; expected a number with at most 2 decimal "
        "places, at least 0 and at most 5000"
    ),
    "census_swe_direction_override.xml": (
        "census_swe_direction_override.xml, Message/CSWWWorker[1]/SWENo, SWENo: found "
        "'SW100\\u202e001'; expected text without control characters or direction overrides "
        "(character 6 is U+202E RIGHT-TO-LEFT OVERRIDE)"
    ),
    "caseloads_cases_20_digits.csv": (
        "caseloads_cases_20_digits.csv, row 2, cases: found '99999999999999999999'; expected a "
        "whole number at least 0 and at most 200"
    ),
    "staff_swe_of_another_worker.csv": (
        "staff_swe_of_another_worker.csv, row 2, swe_number: found 'SW300001'; expected a "
        "Social Work England number of this worker only: worker E000001 in Thrive has it"
    ),
    "staff_swe_not_a_number.csv": (
        "staff_swe_not_a_number.csv, row 2, swe_number: found '<SW>'; expected a Social Work "
        "England number: SW and 1 to 8 digits, e.g. SW123456"
    ),
    "staff_swe_direction_override.csv": (
        "staff_swe_direction_override.csv, row 2, swe_number: found 'SW500\\u202e101'; "
        "expected an id or name without control or direction characters (character 6 is "
        "U+202E RIGHT-TO-LEFT OVERRIDE)"
    ),
    "staff_swe_combining_accent.csv": (
        "staff_swe_combining_accent.csv, row 2, swe_number: found 'S\u0301W500101'; expected a "
        "Social Work England number: SW and 1 to 8 digits, e.g. SW123456"
    ),
    "staff_utf8_one_bad_byte.csv": (
        "staff_utf8_one_bad_byte.csv: the file is UTF-8 text with a byte that is not UTF-8 "
        "(byte 0xE9 at position 220, line 3): it may be damaged or mixed with another "
        "encoding; save it again as 'CSV UTF-8'"
    ),
    "staff_nul_byte.csv": (
        "staff_nul_byte.csv: the file holds a NUL byte (0x00) at position 276, line 3: it is "
        "binary data or damaged, not CSV text; export it again"
    ),
    "staff_nul_byte_late.csv": (
        "staff_nul_byte_late.csv: the file holds a NUL byte (0x00) at position 6,058, line 62: "
        "it is binary data or damaged, not CSV text; export it again"
    ),
    "staff_unknown_staff_group.csv": (
        "staff_unknown_staff_group.csv, row 2, staff_group: found 'family support worker'; "
        "expected one of social_worker (Social workers), family_support (Family support "
        "workers), personal_adviser (Personal advisers), early_help (Early help officers), "
        "nursery (Nursery workers), business_support (Business support), other (Other staff)"
    ),
    "staff_long_cell.csv": (
        "staff_long_cell.csv: line 3 has a cell longer than 131,072 characters, which no column "
        "Thrive reads needs: the file may be damaged (a quote mark never closed?)"
    ),
}


def test_the_corpus_is_complete() -> None:
    files = sorted(p.name for p in BAD.iterdir())
    assert files == sorted(FIRST_ERROR)
    assert len(files) >= 40


@pytest.fixture
def council(db: Any) -> None:
    data = Path(__file__).parents[1] / "data"
    import_extract("posts", data / "posts.csv", authority="999", user="test", today=TODAY)
    import_extract("staff", data / "staff.csv", user="test", today=TODAY)
    # Two children's spells already stored: a new spell may not overlap them.
    import_extract("allocations", data / "allocations.csv", user="test", today=TODAY)


def first_error(path: Path) -> str:
    prefixes = (*KINDS, "census", "dfe")
    kind = max((k for k in prefixes if path.name.startswith(f"{k}_")), key=len)
    try:
        if kind == "census":
            import_census([path], user="test")
        elif kind == "dfe":
            import_dfe_stats(path, user="test")
        else:
            import_extract(kind, path, user="test", today=TODAY)
    except ImportValidationError as invalid:
        return invalid.errors[0].message()
    except UnreadableFileError as unreadable:
        return unreadable.as_problem().message()
    raise AssertionError(f"{path.name} was accepted")


@pytest.mark.parametrize("name", sorted(FIRST_ERROR))
def test_bad_file_is_refused_with_its_error_and_changes_nothing(
    name: str, council: None, snapshot: Any
) -> None:
    before = snapshot()
    assert first_error(BAD / name) == FIRST_ERROR[name]
    assert snapshot() == before
