# Indonesian (Bahasa Indonesia) — source language of the site

skip-to-content = Langsung ke konten
nav-label = Navigasi situs
toc-label = Di halaman ini
language-switcher-label = Bahasa
home-link = Beranda
nav-more = { $count } halaman lainnya
nav-toggle = Halaman di bagian ini
breadcrumbs-label = Jejak navigasi
prev-next-label = Halaman sebelumnya dan berikutnya
page-previous = Sebelumnya
page-next = Berikutnya
edit-page = Sunting halaman ini
copy-code = Salin
copied-code = Disalin
theme-dark = Mode gelap
pagination-label = Halaman daftar ini
pagination-previous = Sebelumnya
pagination-next = Berikutnya
pagination-page = Halaman { $number } dari { $total }
section-pages = { $count } artikel
page-updated = Diperbarui { $date }
page-published = Diterbitkan { $date }
alert-note = Catatan
alert-tip = Tips
alert-important = Penting
alert-warning = Peringatan
alert-caution = Hati-hati
task-done = Selesai
task-open = Belum selesai

month-name =
    { $month ->
        [1] Januari
        [2] Februari
        [3] Maret
        [4] April
        [5] Mei
        [6] Juni
        [7] Juli
        [8] Agustus
        [9] September
        [10] Oktober
        [11] November
       *[12] Desember
    }
date-long = { $day } { month-name } { $year }

mt-badge = terjemahan mesin
mt-disclaimer-title = Terjemahan otomatis
mt-disclaimer-body = Halaman ini diterjemahkan secara otomatis dari bahasa { LANGUAGE($source) } dan mungkin mengandung ketidakakuratan. Versi bahasa { LANGUAGE($source) } merupakan acuan resmi.
mt-disclaimer-link = Baca halaman asli dalam bahasa { LANGUAGE($source) }

source-translations-title = Tersedia dalam bahasa lain
source-translations-body = Halaman ini juga tersedia dalam { $count } bahasa lain. Terjemahan tersebut dibuat oleh mesin dan mungkin kurang akurat.

not-translated-title = Belum diterjemahkan
not-translated-body = Halaman ini belum diterjemahkan ke bahasa { LANGUAGE($language) }. Isinya ditampilkan di bawah ini dalam bahasa { LANGUAGE($source) }, bahasa aslinya.
not-translated-badge = belum diterjemahkan

not-found-title = Halaman tidak ditemukan
not-found-body = Halaman yang Anda cari tidak ada atau telah dipindahkan.
not-found-home = Kembali ke beranda

drift-banner-title = Terjemahan ini mungkin sudah tidak mutakhir
drift-banner-body = { $count } bagian dari halaman berbahasa { LANGUAGE($source) } telah berubah sejak terjemahan ini diperiksa pada { $date }.
drift-banner-body-undated = { $count } bagian dari halaman berbahasa { LANGUAGE($source) } telah berubah sejak terjemahan ini dibuat.
drift-marker = Berubah di versi asli berbahasa { LANGUAGE($source) }
drift-show-source = Tampilkan teks bahasa { LANGUAGE($source) } terkini
drift-source-link = Lihat bagian ini di halaman berbahasa { LANGUAGE($source) }
drift-kind-source-changed = Teks bahasa { LANGUAGE($source) } pada bagian ini telah berubah
drift-kind-source-added = Bagian baru di versi asli berbahasa { LANGUAGE($source) }, belum diterjemahkan
drift-kind-missing-segment = Tidak ada dalam terjemahan ini
drift-kind-number-mismatch = Ada angka yang berbeda dari versi asli berbahasa { LANGUAGE($source) }
drift-kind-link-mismatch = Ada tautan yang berbeda dari versi asli berbahasa { LANGUAGE($source) }
drift-kind-code-mismatch = Kode berbeda dari versi asli berbahasa { LANGUAGE($source) }
drift-kind-untranslated = Dibiarkan tidak diterjemahkan

status-page-title = Status terjemahan
status-page-intro = Keadaan setiap terjemahan situs ini dibandingkan dengan sumbernya dalam bahasa { LANGUAGE($source) }.
status-document = Halaman
status-in-sync = Mutakhir
status-outdated = Tidak mutakhir
status-untracked = Belum diperiksa
status-missing = Tidak tersedia
status-findings = { $count } temuan

search-label = Cari
search-placeholder = Cari di situs ini
search-count = { $count } hasil
