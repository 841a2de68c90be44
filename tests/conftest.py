from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from liupi_cli.cli.app import app

# Plans loaded while test modules are imported must not touch the user's plan cache either.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="liupi-test-cache-")

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
MINI = FIXTURES / "mini"
REPO = HERE.parent
SHIPPED = REPO / "data"
SEED = REPO.parent / "shared" / "seed" / "000_c4e8abf001afc628.txt"

# Tests that take more than ~0.1 s each on the development machine (`pytest --durations=0`): whole files whose
# every test does (subprocesses, LibreOffice, the province-scale plan, CLI runs over the bundled plan), then
# single tests by name (every parametrisation of it). `pytest -m "not slow"` runs the rest; see CONTRIBUTING.md.
SLOW: dict[str, tuple[str, ...] | None] = {
    "tests/cadence/test_cadence_cli.py": None,
    "tests/cadence/test_cadence_layout.py": None,
    "tests/city/test_city_cli.py": None,
    "tests/city/test_gongwen_docx.py": None,
    "tests/docs/test_docs.py": None,
    "tests/docs/test_readme.py": None,
    "tests/hostile/test_full_width_values.py": None,
    "tests/hostile/test_input_cases.py": None,
    "tests/hostile/test_round_two.py": None,
    "tests/hostile/test_store_cases.py": None,
    "tests/hostile/test_unique_current.py": None,
    "tests/judging/test_judging_properties.py": None,
    "tests/next_year/test_plan_next.py": None,
    "tests/plan_import/test_import_zh.py": ("test_a_task_list_stating_no_year_is_refused_in_chinese",
                                            "test_plan_import_refuses_in_chinese"),
    "tests/next_year/test_next_year_zh.py": (
        "test_plan_next_says_every_note_in_chinese_under_lang_zh",
        "test_plan_fill_refuses_a_whole_table_in_chinese",
        "test_plan_fill_says_each_refused_cell_in_chinese",
        "test_plan_fill_says_its_notes_in_chinese",
        "test_plan_next_refuses_an_earlier_year_in_chinese",
    ),
    "tests/plan/test_plan_cache.py": None,
    "tests/plan_import/test_plan_import.py": None,
    "tests/plan_import/test_workspace_import.py": None,
    "tests/recording/test_every_option.py": None,
    "tests/recording/test_update_cli.py": None,
    "tests/render/test_circulars_print.py": None,
    "tests/render/test_render_text.py": None,
    "tests/scale/test_scaling.py": None,
    "tests/server/test_review.py": None,
    "tests/server/test_db_option.py": None,  # starts the session's PostgreSQL
    "tests/messages/test_catalogue_hygiene.py": None,
    "tests/server/test_roles.py": None,
    "tests/server/test_server_docs.py": None,
    "tests/server/test_server_store.py": None,
    "tests/server/test_store_copy.py": None,
    "tests/server/test_store_semantics.py": None,
    "tests/server/test_current_reads.py": None,
    "tests/server/test_summary_review.py": None,
    "tests/server/test_password_sign_in.py": None,
    "tests/server/test_city_collect.py": None,
    "tests/store/test_concurrency_and_kills.py": None,
    "tests/store/test_store.py": None,
    "tests/store/test_workspace.py": None,
    "tests/cadence/test_cadence_vocabulary.py": (
        "test_summary_year_and_unit_print_the_stretch_word_not_the_key",
    ),
    "tests/cadence/test_missing_unit_summary.py": (
        "test_missing_and_unit_follow_liupi_lang_like_report", "test_summary_fail_on_says_what_it_found",
        "test_missing_and_unit_speak_chinese_with_lang_zh",
    ),
    "tests/cadence/test_who_answers.py": (
        "test_missing_month_2023_02_on_the_command_line",
    ),
    "tests/cli/test_i18n_messages.py": (
        "test_check_names_each_problem_s_kind_and_the_count_in_chinese",
        "test_confirmations_on_stderr_follow_the_language",
        "test_common_refusals_read_in_chinese",
        "test_bad_rows_of_a_file_are_listed_in_chinese_with_their_row_numbers",
    ),
    "tests/cli/test_report_cli.py": (
        "test_a_command_help_imports_only_its_own_module",
        "test_a_filtered_summary_line_says_it_counts_only_the_rows_shown",
        "test_an_unwritable_out_file_is_one_line", "test_bad_report_options", "test_fail_on",
        "test_fail_on_missing_counts_a_june_figure_that_cannot_settle_the_year",
        "test_fail_on_missing_passes_when_every_row_has_data", "test_help_imports_no_command_and_no_heavy_library",
        "test_plain_formats_do_not_import_pandas_or_openpyxl", "test_status_words_fit_the_kind",
        "test_table_is_colourless_when_piped", "test_xlsx_round_trips_with_numbers_as_numbers",
    ),
    "tests/dev/test_lint.py": (
        "test_ruff_checks_the_code_tests_and_benchmarks",
    ),
    "tests/docs/test_readme_promises.py": (
        "test_a_busy_store_is_exit_4", "test_a_double_decline_pair_is_met_only_when_both_decline",
        "test_each_judging_row_gives_its_light", "test_each_refusal_is_one_line_exit_1_and_stores_nothing",
        "test_each_setting_does_what_the_readme_says", "test_each_threshold_moves_a_light",
        "test_judged_gaps_worked_by_hand",
        "test_each_exit_code_happens_as_described",
        "test_force_accepts_what_is_refused_without_it",
        "test_the_bounds_themselves_are_accepted",
    ),
    "tests/judging/test_core_edges.py": (
        "test_a_cumulative_ceiling_is_judged_by_its_year_end_pace",
        "test_a_task_is_overdue_the_day_after_its_deadline_not_on_it",
        "test_report_files_neutralise_formulas_from_the_plan",
    ),
    "tests/judging/test_judging.py": (
        "test_every_shipped_target_worded_超过_or_超_is_judged_strictly", "test_settlement_golden",
        "test_51000万元_of_34亿元_at_march_is_exactly_10_points_behind_so_yellow",
    ),
    "tests/judging/test_judging_office_cases.py": (
        "test_the_audit_in_the_docs_lists_every_cumulative_indicator_as_the_plan_marks_it",
        "test_check_validates_the_link", "test_an_indicator_sets_its_own_band",
        "test_the_year_end_settlement_document_keeps_them_apart",
        "test_the_month_circular_and_the_settlement_tables_carry_notes_completion_and_schedule",
    ),
    "tests/next_year/test_fill_table.py": (
        "test_plan_next_fill_reads_the_table_as_chinese_excel_saves_it",
    ),
    "tests/plan/test_shipped_plan.py": (
        "test_check_passes_and_names_each_conflict", "test_six_battles_with_their_lead_units",
    ),
    "tests/plan_import/test_import_guards.py": (
        "test_plan_import_reads_the_plan_already_in_the_folder_with_the_plan_guards",
        "test_plan_import_review_never_rounds_a_refused_confidence_up_to_the_adopting_one",
    ),
    "tests/plan_import/test_layouts.py": (
        "test_layout",
    ),
    "tests/plan_import/test_lookalikes_and_escaping.py": (
        "test_check_warns_of_look_alike_units_and_invisible_characters",
    ),
    "tests/recording/test_dry_run_and_hints.py": (
        "test_dry_run_of_a_revision_shows_old_and_new_and_keeps_the_old",
        "test_dry_run_of_one_value_still_refuses_what_a_real_run_would",
        "test_export_csv_says_the_task_updates_it_does_not_hold",
        "test_the_settlement_hint_runs_template_and_update_for_the_year",
        "test_task_set_takes_a_status_its_percent_agrees_with",
        "test_a_period_typed_as_a_number_is_explained_with_the_months_it_could_be",
    ),
    "tests/recording/test_history.py": (
        "test_history_shows_the_time_of_recording_without_seconds",
        "test_history_keeps_supersedes_and_current_at_every_width", "test_a_task_never_updated_says_so",
        "test_an_indicator_without_records_says_so",
        "test_at_80_columns_a_revision_keeps_when_it_was_made_and_a_forced_figure_is_marked",
    ),
    "tests/recording/test_periods_values.py": (
        "test_a_period_without_its_year_is_in_the_year_given",
    ),
    "tests/recording/test_plausible.py": (
        "test_every_recording_path_refuses_the_slip_in_one_line_and_force_records_it",
    ),
    "tests/recording/test_spreadsheets.py": (
        "test_a_date_cell_in_the_period_column_is_that_month",
        "test_a_formula_without_a_saved_result_is_refused_with_its_row",
        "test_a_hidden_sheet_marked_active_is_passed_over", "test_a_libreoffice_workbook_with_a_percent_cell",
        "test_a_title_row_above_the_headings_is_tolerated", "test_a_two_row_heading_with_merged_cells_is_read",
        "test_a_unit_in_the_number_format_is_read_with_the_number",
        "test_a_value_marked_no_figure_is_skipped_not_zero", "test_an_excel_error_value_is_refused_with_its_row",
        "test_an_identical_figure_in_another_unit_is_unchanged", "test_csv_in_every_encoding_excel_and_wps_write",
        "test_filled_template_round_trip_with_percent_typed_either_way", "test_full_width_figures_in_a_file",
        "test_one_workbook_with_every_trap_round_trips",
        "test_percent_cell_for_an_indicator_not_in_percent_is_refused",
        "test_percent_cell_is_read_as_the_percentage_shown",
        "test_plain_number_in_a_percent_indicator_stays_as_typed",
        "test_reimporting_the_same_file_changes_nothing_and_says_so",
        "test_template_in_english_headings_reads_back", "test_the_visible_sheet_is_read_not_a_hidden_first_one",
        "test_two_columns_with_the_same_meaning_are_refused_as_ambiguous",
        "test_unreadable_files_get_one_line",
    ),
    "tests/recording/test_tables_cells.py": (
        "test_a_formula_in_the_id_or_name_column_does_not_matter_when_the_other_one_is_given",
    ),
    "tests/render/test_render_files.py": (
        "test_a_figure_with_more_decimals_than_its_unit_shows_them_everywhere",
        "test_chinese_output_holds_no_english_words", "test_csv_files_start_with_a_bom_so_excel_reads_chinese",
        "test_every_sheet_prints_like_an_office_circular", "test_liupi_lang_makes_chinese_the_default",
        "test_summary_workbooks_print_like_the_circular",
        "test_xlsx_numbers_are_stored_as_shown_with_a_format_per_column",
        "test_the_html_chart_label_rounds_as_the_table_does",
        "test_filters_are_named_in_chinese",
        "test_csv_on_stdout_has_no_bom",
        "test_summary_csv_files_start_with_a_bom",
    ),
    "tests/render/test_written_figures.py": (
        "test_the_workbooks_overdue_task_rows_name_the_task_its_lead_unit_and_days",
    ),
    "tests/scale/test_province_paths.py": (
        "test_the_json_report_on_stdout_and_in_a_file_is_the_whole_dump",
        "test_the_json_written_in_chunks_of_rows_is_the_whole_dump",
        "test_stored_figures_agree_with_the_full_records",
    ),
    "tests/messages/test_catalogue.py": ("test_every_id_the_code_names_is_in_the_catalogue",),
    "tests/next_year/test_next_year_core.py": None,
    "tests/city/test_decomposition.py": ("test_checked_against_a_countys_plan_and_the_city_target",),
    "tests/cli/test_listings.py": ("test_an_empty_listing_is_its_heading_not_a_traceback",),
    "tests/render/test_registry.py": ("test_each_pair_draws_its_model",
                                      "test_every_workbook_has_the_shared_print_settings",
                                      "test_every_csv_file_starts_with_the_mark_and_stdout_has_none",
                                      "test_a_products_txt_file_is_its_terminal_table",
                                      "test_a_pair_not_offered_is_refused_with_the_products_formats"),
    "tests/cli/test_lang_everywhere.py": None,
    "tests/messages/test_refusal_walk.py": (
        "test_an_unknown_option", "test_a_missing_argument", "test_outside_any_plan",
        "test_a_junk_value_for_each_option", "test_own_refusals", "test_a_broken_plan_is_listed_in_chinese",
        "test_every_message_raised_comes_from_the_catalogue",
        "test_the_files_not_yet_converted_still_exist_and_still_need_it",
        "test_each_broken_plan_is_refused_in_chinese",
    ),
    "tests/city/test_city_workspace_checks.py": None,
    "tests/next_year/test_next_workspace_files.py": None,
    "tests/server/test_server_refusals.py": None,  # starts the session's PostgreSQL
    "tests/server/test_role_refusals_more.py": None,
    "tests/store/test_copy_between_files.py": None,  # each test records through the CLI first
    "tests/render/test_render_options_reach.py": (
        "test_every_format_of_every_product_speaks_the_language_it_is_asked_for",
        "test_a_product_s_docx_carries_the_date_it_is_given_else_the_product_s_own",
    ),
    "tests/plan_import/test_import_into_a_workspace.py": (
        "test_a_document_naming_another_year_than_the_plan_is_said_with_what_to_do",
    ),
    "tests/cli/test_refusals_zh.py": (
        "test_refused_in_chinese_with_lang_after_the_command",
        "test_refused_in_chinese_with_lang_before_the_command",
        "test_refused_in_chinese_under_liupi_lang",
        "test_refused_in_english_by_default",
    ),
    "tests/cadence/test_reviewed_products.py": (
        "test_every_format_marks_a_submitted_figure_shown",
        "test_the_workbook_and_the_word_document_carry_the_mark",
    ),
    "tests/cadence/test_product_folder_writes.py": (
        "test_a_folder_another_run_holds_is_waited_for_then_refused",
    ),
    "tests/store/test_store_failures_worded.py": (
        "test_each_failure_of_the_engine_is_worded",
    ),
    "tests/plan/test_check.py": (
        "test_broken_plan_gets_one_clear_located_line",
    ),
    "tests/cli/test_period_refusals_zh.py": (
        "test_each_period_refusal_reads_in_chinese",
    ),
    "tests/recording/test_record_service.py": (
        "test_the_demo_figures_go_through_the_service_with_its_options",
    ),
    "tests/store/test_init_refusals_in_process.py": (
        "test_a_sample_workspace_given_a_name_takes_it_as_the_plan_s_title",
    ),
    "tests/store/test_init_choices.py": (
        "test_a_copy_of_the_sample_under_a_name_of_its_own",
        "test_demo_figures_the_sample_plan_refuses_stop_init_naming_the_file_and_the_row",
        "test_a_choice_init_cannot_make_is_refused_and_leaves_nothing",
    ),
    "tests/cadence/test_cadence.py": (
        "test_month_circular_change_since_last_month",
    ),
    "tests/hostile/test_document_refusals.py": (
        "test_a_workbook_inflating_past_the_limit_is_refused_in_megabytes",
    ),
    "tests/server/test_review_marks.py": (
        "test_every_format_of_missing_and_the_unit_page_says_why_it_is_owed_again",
        "test_every_format_of_the_report_marks_a_submitted_figure",
    ),
    "tests/city/test_rollup_periods_and_store.py": (
        "test_a_quarterly_figure_is_the_latest_quarter_ended",
    ),
    "tests/city/test_gongwen_layout.py": (
        "test_without_recipients_or_issuer_neither_line_is_written_and_liupi_is_the_author",
    ),
    "tests/cli/test_targets_unit.py": (
        "test_targets_unit_lists_every_indicator_the_report_and_unit_page_give_that_unit",
    ),
    "tests/cli/test_tasks_width.py": (
        "test_at_100_columns_the_title_gets_its_share",
    ),
    "tests/render/test_report_workbook_cells.py": (
        "test_the_workbook_has_the_summary_a_sheet_per_battle_and_the_overdue_tasks",
        "test_the_overdue_sheet_lists_each_task_with_its_deadline_as_a_date",
        "test_column_widths_grow_for_english_heading_words_and_short_cells_never_for_chinese_headings",
    ),
    "tests/plan_import/test_lists_in_one_document.py": (
        "test_labels_with_their_titles_start_a_list_each_in_a_word_file",
    ),
    "tests/plan/test_plan_cache_entries.py": (
        "test_an_entry_that_is_not_exactly_what_was_written_is_passed_over",
    ),
    "tests/city/test_decomposition_table.py": (
        "test_a_bad_table_is_one_line_at_its_row_with_a_hint",
    ),
    "tests/judging/test_revised_and_fraction.py": (
        "test_one_percent_is_taken_as_typed_and_a_fraction_under_one_is_refused",
    ),
    "tests/city/test_gongwen_numbering.py": (
        "test_sections_past_ten_are_numbered_in_arabic_figures",
    ),
    "tests/render/test_report_workbook_look.py": (
        "test_the_summary_sheet_is_named_and_styled",
    ),
    "tests/cli/test_outputs_and_formats.py": (
        "test_md_and_txt_name_the_formats_their_extensions_name",
    ),
}


def pytest_collection_modifyitems(config, items):
    """Mark the tests listed in SLOW as ``slow`` (registered in pyproject.toml)."""
    for item in items:
        path, _, name = item.nodeid.partition("::")
        if path in SLOW and (SLOW[path] is None or name.split("[")[0] in SLOW[path]):
            item.add_marker(pytest.mark.slow)


def seed_text() -> str:
    """The bundled plan's source document. CI lays shared/ beside the clone, so there a missing seed is a
    failure; elsewhere (an sdist, a checkout without shared/) the test that needs it is skipped."""
    import os

    if not SEED.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the plan's source text is missing in CI: {SEED}")
        pytest.skip(f"the plan's source text is not beside this checkout ({SEED})")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _isolate(monkeypatch, tmp_path):
    """No test sees the user's plan, store or terminal settings."""
    for var in ("LIUPI_HOME", "LIUPI_DB", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("LIUPI_NO_CACHE", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("LIUPI_USER", "tester")
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def mini(tmp_path) -> Path:
    """A writable copy of the small test plan."""
    dst = tmp_path / "mini"
    shutil.copytree(MINI, dst)
    return dst


class Run:
    def __init__(self, data_dir: Path | None):
        self.data_dir = data_dir
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        argv = (["--data-dir", str(self.data_dir)] if self.data_dir else []) + [str(a) for a in args]
        return self.runner.invoke(app, argv, input=input, catch_exceptions=False)


@pytest.fixture
def run(mini) -> Run:
    """Run the CLI against the mini plan; result has exit_code, stdout, stderr."""
    return Run(mini)


@pytest.fixture
def loaded(run, mini) -> Run:
    """The mini plan with June's figures (fixtures/mini-actuals.csv) and one task in progress: what the
    renderers' tests draw."""
    assert run("update", "--file", str(FIXTURES / "mini-actuals.csv")).exit_code == 0
    assert run("task", "set", "t1", "--status", "in_progress", "--date", "2023-06-10").exit_code == 0
    return run


@pytest.fixture
def run_shipped() -> Run:
    return Run(SHIPPED)
