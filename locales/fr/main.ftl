# French (français)

skip-to-content = Aller au contenu
nav-label = Navigation du site
toc-label = Sur cette page
language-switcher-label = Langue
home-link = Accueil
nav-more =
    { $count ->
        [one] { $count } autre page
       *[other] { $count } autres pages
    }
nav-toggle = Pages de cette section
breadcrumbs-label = Fil d’Ariane
prev-next-label = Page précédente et suivante
page-previous = Précédent
page-next = Suivant
edit-page = Modifier cette page
copy-code = Copier
copied-code = Copié
theme-dark = Mode sombre
pagination-label = Pages de cette liste
pagination-previous = Précédente
pagination-next = Suivante
pagination-page = Page { $number } sur { $total }
section-pages =
    { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }
page-updated = Mis à jour le { $date }
page-published = Publié le { $date }
alert-note = Remarque
alert-tip = Astuce
alert-important = Important
alert-warning = Avertissement
alert-caution = Attention
task-done = Fait
task-open = À faire

month-name =
    { $month ->
        [1] janvier
        [2] février
        [3] mars
        [4] avril
        [5] mai
        [6] juin
        [7] juillet
        [8] août
        [9] septembre
        [10] octobre
        [11] novembre
       *[12] décembre
    }
date-long =
    { $day ->
        [1] 1er
       *[other] { $day }
    } { month-name } { $year }

mt-badge = traduction automatique
mt-disclaimer-title = Traduction automatique
mt-disclaimer-body = Cette page a été traduite automatiquement { LANGUAGE($source, form: "from") } et peut contenir des inexactitudes. La version en { LANGUAGE($source) } fait foi.
mt-disclaimer-link = Lire la page originale en { LANGUAGE($source) }

source-translations-title = Disponible dans d’autres langues
source-translations-body =
    { $count ->
        [one] Cette page est également disponible dans { $count } autre langue. Cette traduction a été réalisée automatiquement et peut comporter des inexactitudes.
       *[other] Cette page est également disponible dans { $count } autres langues. Ces traductions ont été réalisées automatiquement et peuvent comporter des inexactitudes.
    }

not-translated-title = Traduction pas encore disponible
not-translated-body = Cette page n’a pas encore été traduite en { LANGUAGE($language) }. Elle est affichée ci-dessous en { LANGUAGE($source) }, sa langue d’origine.
not-translated-badge = pas encore traduit

not-found-title = Page introuvable
not-found-body = La page que vous recherchez n’existe pas ou a été déplacée.
not-found-home = Aller à la page d’accueil

drift-banner-title = Cette traduction n’est peut-être plus à jour
drift-banner-body =
    { $count ->
        [one] { $count } section de la page en { LANGUAGE($source) } a été modifiée depuis la vérification de cette traduction le { $date }.
       *[other] { $count } sections de la page en { LANGUAGE($source) } ont été modifiées depuis la vérification de cette traduction le { $date }.
    }
drift-banner-body-undated =
    { $count ->
        [one] { $count } section de la page en { LANGUAGE($source) } a été modifiée depuis la réalisation de cette traduction.
       *[other] { $count } sections de la page en { LANGUAGE($source) } ont été modifiées depuis la réalisation de cette traduction.
    }
drift-marker = Modifié dans l’original en { LANGUAGE($source) }
drift-show-source = Afficher le texte actuel en { LANGUAGE($source) }
drift-source-link = Voir cette section sur la page en { LANGUAGE($source) }
drift-kind-source-changed = Le texte en { LANGUAGE($source) } de cette section a été modifié
drift-kind-source-added = Nouvelle section de l’original en { LANGUAGE($source) }, pas encore traduite
drift-kind-missing-segment = Absent de cette traduction
drift-kind-number-mismatch = Un nombre diffère de l’original en { LANGUAGE($source) }
drift-kind-link-mismatch = Un lien diffère de l’original en { LANGUAGE($source) }
drift-kind-code-mismatch = Le code diffère de l’original en { LANGUAGE($source) }
drift-kind-untranslated = Laissé non traduit

status-page-title = État des traductions
status-page-intro = L’état de chaque traduction de ce site par rapport à sa source en { LANGUAGE($source) }.
status-document = Page
status-in-sync = À jour
status-outdated = Obsolète
status-untracked = En attente de vérification
status-missing = Manquante
status-findings =
    { $count ->
        [one] { $count } constat
       *[other] { $count } constats
    }

search-label = Rechercher
search-placeholder = Rechercher dans ce site
search-count = { $count ->
    [one] { $count } résultat
   *[other] { $count } résultats
}
