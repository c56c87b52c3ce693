# Arabic (العربية) — right-to-left

skip-to-content = الانتقال إلى المحتوى
nav-label = التنقل في الموقع
toc-label = في هذه الصفحة
language-switcher-label = اللغة
home-link = الرئيسية
nav-more =
    { $count ->
        [one] صفحة أخرى واحدة
        [two] صفحتان أخريان
        [few] { $count } صفحات أخرى
        [many] { $count } صفحة أخرى
       *[other] { $count } صفحة أخرى
    }
nav-toggle = صفحات هذا القسم
breadcrumbs-label = مسار التنقل
prev-next-label = الصفحة السابقة والتالية
page-previous = السابق
page-next = التالي
edit-page = تعديل هذه الصفحة
copy-code = نسخ
copied-code = تم النسخ
theme-dark = الوضع الداكن
pagination-label = صفحات هذه القائمة
pagination-previous = السابق
pagination-next = التالي
pagination-page = الصفحة { $number } من { $total }
section-pages =
    { $count ->
        [zero] لا توجد مقالات
        [one] مقالة واحدة
        [two] مقالتان
        [few] { $count } مقالات
        [many] { $count } مقالة
       *[other] { $count } مقالة
    }
page-updated = آخر تحديث: { $date }
page-published = تاريخ النشر: { $date }
alert-note = ملاحظة
alert-tip = نصيحة
alert-important = مهم
alert-warning = تحذير
alert-caution = تنبيه
task-done = منجزة
task-open = غير منجزة

month-name =
    { $month ->
        [1] يناير
        [2] فبراير
        [3] مارس
        [4] أبريل
        [5] مايو
        [6] يونيو
        [7] يوليو
        [8] أغسطس
        [9] سبتمبر
        [10] أكتوبر
        [11] نوفمبر
       *[12] ديسمبر
    }
date-long = { $day } { month-name } { $year }

mt-badge = ترجمة آلية
mt-disclaimer-title = ترجمة تلقائية
mt-disclaimer-body = تُرجمت هذه الصفحة تلقائيًا من اللغة { LANGUAGE($source) }، وقد تحتوي على معلومات غير دقيقة. وتظل النسخة باللغة { LANGUAGE($source) } هي المرجع المعتمد.
mt-disclaimer-link = اقرأ الصفحة الأصلية باللغة { LANGUAGE($source) }

source-translations-title = متاحة بلغات أخرى
source-translations-body =
    { $count ->
        [zero] هذه الصفحة غير متاحة بأي لغة أخرى حاليًا.
        [one] هذه الصفحة متاحة أيضًا بلغة أخرى واحدة. هذه الترجمة آلية وقد لا تكون دقيقة.
        [two] هذه الصفحة متاحة أيضًا بلغتين أخريين. هاتان الترجمتان آليتان وقد لا تكونان دقيقتين.
        [few] هذه الصفحة متاحة أيضًا بـ{ $count } لغات أخرى. هذه الترجمات آلية وقد لا تكون دقيقة.
        [many] هذه الصفحة متاحة أيضًا بـ{ $count } لغة أخرى. هذه الترجمات آلية وقد لا تكون دقيقة.
       *[other] هذه الصفحة متاحة أيضًا بـ{ $count } لغة أخرى. هذه الترجمات آلية وقد لا تكون دقيقة.
    }

not-translated-title = لم تُترجم بعد
not-translated-body = لم تُترجم هذه الصفحة إلى { LANGUAGE($language) } بعد، لذا تُعرض أدناه باللغة { LANGUAGE($source) }، وهي لغتها الأصلية.
not-translated-badge = لم تُترجم بعد

not-found-title = الصفحة غير موجودة
not-found-body = الصفحة التي تبحث عنها غير موجودة أو نُقلت إلى مكان آخر.
not-found-home = الانتقال إلى الصفحة الرئيسية

drift-banner-title = قد لا تكون هذه الترجمة محدّثة
drift-banner-body =
    { $count ->
        [zero] لم يطرأ أي تغيير على أقسام الصفحة باللغة { LANGUAGE($source) } منذ التحقق من هذه الترجمة في { $date }.
        [one] طرأ تغيير على قسم واحد من الصفحة باللغة { LANGUAGE($source) } منذ التحقق من هذه الترجمة في { $date }.
        [two] طرأت تغييرات على قسمين من الصفحة باللغة { LANGUAGE($source) } منذ التحقق من هذه الترجمة في { $date }.
        [few] طرأت تغييرات على { $count } أقسام من الصفحة باللغة { LANGUAGE($source) } منذ التحقق من هذه الترجمة في { $date }.
        [many] طرأت تغييرات على { $count } قسمًا من الصفحة باللغة { LANGUAGE($source) } منذ التحقق من هذه الترجمة في { $date }.
       *[other] طرأت تغييرات على { $count } قسم من الصفحة باللغة { LANGUAGE($source) } منذ التحقق من هذه الترجمة في { $date }.
    }
drift-banner-body-undated =
    { $count ->
        [zero] لم يطرأ أي تغيير على أقسام الصفحة باللغة { LANGUAGE($source) } منذ إعداد هذه الترجمة.
        [one] طرأ تغيير على قسم واحد من الصفحة باللغة { LANGUAGE($source) } منذ إعداد هذه الترجمة.
        [two] طرأت تغييرات على قسمين من الصفحة باللغة { LANGUAGE($source) } منذ إعداد هذه الترجمة.
        [few] طرأت تغييرات على { $count } أقسام من الصفحة باللغة { LANGUAGE($source) } منذ إعداد هذه الترجمة.
        [many] طرأت تغييرات على { $count } قسمًا من الصفحة باللغة { LANGUAGE($source) } منذ إعداد هذه الترجمة.
       *[other] طرأت تغييرات على { $count } قسم من الصفحة باللغة { LANGUAGE($source) } منذ إعداد هذه الترجمة.
    }
drift-marker = تغيّر في النص الأصلي باللغة { LANGUAGE($source) }
drift-show-source = عرض النص الحالي باللغة { LANGUAGE($source) }
drift-source-link = عرض هذا القسم في الصفحة باللغة { LANGUAGE($source) }
drift-kind-source-changed = تغيّر نص هذا القسم باللغة { LANGUAGE($source) }
drift-kind-source-added = قسم جديد في النص الأصلي باللغة { LANGUAGE($source) }، لم يُترجم بعد
drift-kind-missing-segment = مفقود من هذه الترجمة
drift-kind-number-mismatch = أحد الأرقام يختلف عن النص الأصلي باللغة { LANGUAGE($source) }
drift-kind-link-mismatch = أحد الروابط يختلف عن النص الأصلي باللغة { LANGUAGE($source) }
drift-kind-code-mismatch = الشيفرة البرمجية تختلف عن النص الأصلي باللغة { LANGUAGE($source) }
drift-kind-untranslated = تُرك دون ترجمة

status-page-title = حالة الترجمة
status-page-intro = حالة كل ترجمة من ترجمات هذا الموقع مقارنةً بالنص المصدر باللغة { LANGUAGE($source) }.
status-document = الصفحة
status-in-sync = محدّثة
status-outdated = غير محدّثة
status-untracked = لم يُتحقَّق منها بعد
status-missing = غير متوفرة
status-findings =
    { $count ->
        [zero] لا توجد ملاحظات
        [one] ملاحظة واحدة
        [two] ملاحظتان
        [few] { $count } ملاحظات
        [many] { $count } ملاحظة
       *[other] { $count } ملاحظة
    }

search-label = بحث
search-placeholder = ابحث في هذا الموقع
search-count = { $count ->
    [zero] لا توجد نتائج
    [one] نتيجة واحدة
    [two] نتيجتان
    [few] { $count } نتائج
    [many] { $count } نتيجة
   *[other] { $count } نتيجة
}
