"""Every key the page keeps in `st.session_state`, defined once."""

from __future__ import annotations

# The sidebar's filters (widget keys); plain state, so they survive while their widgets are not drawn.
DATES = "f_dates"
DATES_BOUNDS = "f_dates_bounds"  # the range the date picker last offered
CATEGORIES = "f_categories"
PEOPLE = "f_people"
STATUS = "f_status"
QUERY = "f_query"

# The view beyond the filters.
EVENT = "selected_event"
TAB = "selected_tab"
TAB_LABEL = "tab_label"  # the tabs widget's own key (its value is the label)
TAB_FROM_LINK = "tab_from_link"  # the tab the session's link named: the tabs widget's fixed default

# Seeding from the link happens once per session.
SEEDED = "seeded"
LINK_NOTICES = "notices"

# Widgets of the timeline tab.
TIMELINE_CHART = "timeline_chart"
EVENT_PICKER = "event_picker"
PLACE = "place"  # the place selected on the map (its id)
MAP_CHART = "map_chart"
HISTORY_SHOWN = "history_shown"  # the event details show the entry's history from git

# The add-event dialog.
DIALOG_OPEN = "add_event_open"
DIALOG_RESET_PENDING = "add_event_reset"
DIALOG_DUPLICATE = "add_event_duplicate"
DRAFT_PREFIX = "draft_"  # + a field name of edit.drafts.blank_values
DRAFT_ATTEMPTED = "draft_attempted"
DRAFT_PASSWORD = "draft_password"
DRAFT_PREVIEW = "draft_preview"
DRAFT_SAVE = "draft_save"
DRAFT_DAY = "draft_day"  # the day a new form is dated: the data's as_of
SAVED_NOTICE = "saved_notice"  # after a save: where the entry went, the backup and how to undo

# The story under the timeline.
STORY_PAGE = "story_page"
STORY_SCROLLED = "story_scrolled"  # the event the story last scrolled to (scroll once per selection)

# The Political prisoners tab.
RELEASES_STACK = "releases_stack"  # stack the releases chart by destination or by kind

# The page's language: the code, whether the reader or the link chose it, and the notice for an unknown `?lang=`.
LANGUAGE = "language"
LANGUAGE_CHOSEN = "language_chosen"
LANGUAGE_NOTICE = "language_notice"
EVENTS_TABLE = "events-table"  # the events table's container: page.html (one_download) hides its toolbar's CSV by it
