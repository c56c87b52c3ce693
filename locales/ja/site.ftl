# Strings of this repository's own site (not compiled into naskah).
site-title = Jejaring Karier ヘルプセンター
