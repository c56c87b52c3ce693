# Chinese, Simplified (简体中文)

skip-to-content = 跳至主要内容
nav-label = 网站导航
toc-label = 本页内容
language-switcher-label = 语言
home-link = 首页
nav-more = 其余{ $count }个页面
nav-toggle = 本栏目的页面
breadcrumbs-label = 导航路径
prev-next-label = 上一页和下一页
page-previous = 上一页
page-next = 下一页
edit-page = 编辑此页
copy-code = 复制
copied-code = 已复制
theme-dark = 深色模式
pagination-label = 列表分页
pagination-previous = 上一页
pagination-next = 下一页
pagination-page = 第{ $number }页，共{ $total }页
section-pages = { $count } 篇文章
page-updated = 更新于{ $date }
page-published = 发布于{ $date }
alert-note = 说明
alert-tip = 提示
alert-important = 重要
alert-warning = 警告
alert-caution = 注意
task-done = 已完成
task-open = 未完成

month-name =
    { $month ->
        [1] 1月
        [2] 2月
        [3] 3月
        [4] 4月
        [5] 5月
        [6] 6月
        [7] 7月
        [8] 8月
        [9] 9月
        [10] 10月
        [11] 11月
       *[12] 12月
    }
date-long = { $year }年{ $month }月{ $day }日

mt-badge = 机器翻译
mt-disclaimer-title = 自动翻译
mt-disclaimer-body = 本页面由{ LANGUAGE($source) }自动翻译而成，可能存在不准确之处。请以{ LANGUAGE($source) }版本为准。
mt-disclaimer-link = 阅读{ LANGUAGE($source) }原文

source-translations-title = 其他语言版本
source-translations-body = 本页面另有 { $count } 种其他语言版本。这些译文由机器翻译生成，可能不够准确。

not-translated-title = 尚未翻译
not-translated-body = 本页面尚未翻译成{ LANGUAGE($language) }，以下内容以其原始语言（{ LANGUAGE($source) }）显示。
not-translated-badge = 尚未翻译

not-found-title = 页面未找到
not-found-body = 您要查找的页面不存在，或已移至其他位置。
not-found-home = 返回首页

drift-banner-title = 此译文可能已过时
drift-banner-body = 自{ $date }核对此译文以来，{ LANGUAGE($source) }页面已有 { $count } 处内容发生变化。
drift-banner-body-undated = 自此译文完成以来，{ LANGUAGE($source) }页面已有 { $count } 处内容发生变化。
drift-marker = { LANGUAGE($source) }原文已更改
drift-show-source = 显示当前的{ LANGUAGE($source) }原文
drift-source-link = 在{ LANGUAGE($source) }页面中查看此部分
drift-kind-source-changed = 此部分的{ LANGUAGE($source) }原文已更改
drift-kind-source-added = { LANGUAGE($source) }原文中新增的部分，尚未翻译
drift-kind-missing-segment = 此译文中缺少该内容
drift-kind-number-mismatch = 有数字与{ LANGUAGE($source) }原文不一致
drift-kind-link-mismatch = 有链接与{ LANGUAGE($source) }原文不一致
drift-kind-code-mismatch = 代码与{ LANGUAGE($source) }原文不一致
drift-kind-untranslated = 保留原文，未翻译

status-page-title = 翻译状态
status-page-intro = 本网站各语言译文与{ LANGUAGE($source) }原文相比的状态。
status-document = 页面
status-in-sync = 已是最新
status-outdated = 已过时
status-untracked = 尚未检查
status-missing = 缺失
status-findings = { $count } 个问题

search-label = 搜索
search-placeholder = 搜索本站
search-count = { $count } 个结果
