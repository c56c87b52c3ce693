# English

skip-to-content = Skip to content
nav-label = Site navigation
toc-label = On this page
language-switcher-label = Language
home-link = Home
nav-more =
    { $count ->
        [one] { $count } more page
       *[other] { $count } more pages
    }
nav-toggle = Pages of this section
breadcrumbs-label = Breadcrumb
prev-next-label = Previous and next page
page-previous = Previous
page-next = Next
edit-page = Edit this page
copy-code = Copy
copied-code = Copied
theme-dark = Dark mode
pagination-label = Pages of this list
pagination-previous = Previous
pagination-next = Next
pagination-page = Page { $number } of { $total }
section-pages =
    { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }
page-updated = Updated { $date }
page-published = Published { $date }
alert-note = Note
alert-tip = Tip
alert-important = Important
alert-warning = Warning
alert-caution = Caution
task-done = Done
task-open = Not done

month-name =
    { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    }
date-long = { month-name } { $day }, { $year }

mt-badge = machine translation
mt-disclaimer-title = Automatic translation
mt-disclaimer-body = This page was translated automatically from { LANGUAGE($source) } and may contain inaccuracies. The { LANGUAGE($source) } version is the authoritative reference.
mt-disclaimer-link = Read the original page in { LANGUAGE($source) }

source-translations-title = Available in other languages
source-translations-body =
    { $count ->
        [one] This page is also available in { $count } other language. This translation is machine-generated and may be inaccurate.
       *[other] This page is also available in { $count } other languages. These translations are machine-generated and may be inaccurate.
    }

not-translated-title = Not translated yet
not-translated-body = This page has not been translated into { LANGUAGE($language) } yet. It is shown below in { LANGUAGE($source) }, its original language.
not-translated-badge = not translated yet

not-found-title = Page not found
not-found-body = The page you are looking for does not exist or has moved.
not-found-home = Go to the home page

drift-banner-title = This translation may be out of date
drift-banner-body =
    { $count ->
        [one] { $count } section of the { LANGUAGE($source) } page has changed since this translation was checked on { $date }.
       *[other] { $count } sections of the { LANGUAGE($source) } page have changed since this translation was checked on { $date }.
    }
drift-banner-body-undated =
    { $count ->
        [one] { $count } section of the { LANGUAGE($source) } page has changed since this translation was made.
       *[other] { $count } sections of the { LANGUAGE($source) } page have changed since this translation was made.
    }
drift-marker = Changed in the { LANGUAGE($source) } original
drift-show-source = Show the current { LANGUAGE($source) } text
drift-source-link = See this section on the { LANGUAGE($source) } page
drift-kind-source-changed = The { LANGUAGE($source) } text of this section has changed
drift-kind-source-added = New section in the { LANGUAGE($source) } original, not translated yet
drift-kind-missing-segment = Missing from this translation
drift-kind-number-mismatch = A number differs from the { LANGUAGE($source) } original
drift-kind-link-mismatch = A link differs from the { LANGUAGE($source) } original
drift-kind-code-mismatch = Code differs from the { LANGUAGE($source) } original
drift-kind-untranslated = Left untranslated

status-page-title = Translation status
status-page-intro = The state of every translation of this site compared with its { LANGUAGE($source) } source.
status-document = Page
status-in-sync = Up to date
status-outdated = Outdated
status-untracked = Not yet checked
status-missing = Missing
status-findings =
    { $count ->
        [one] { $count } finding
       *[other] { $count } findings
    }

search-label = Search
search-placeholder = Search this site
search-count = { $count ->
    [one] { $count } result
   *[other] { $count } results
}
