# Japanese (日本語)

skip-to-content = 本文へスキップ
nav-label = サイトナビゲーション
toc-label = このページの内容
language-switcher-label = 言語
home-link = ホーム
nav-more = ほか{ $count }ページ
nav-toggle = このセクションのページ
breadcrumbs-label = パンくずリスト
prev-next-label = 前後のページ
page-previous = 前へ
page-next = 次へ
edit-page = このページを編集
copy-code = コピー
copied-code = コピーしました
theme-dark = ダークモード
pagination-label = 一覧のページ
pagination-previous = 前へ
pagination-next = 次へ
pagination-page = { $total }ページ中{ $number }ページ目
section-pages = { $count }件の記事
page-updated = 更新日：{ $date }
page-published = 公開日：{ $date }
alert-note = 注記
alert-tip = ヒント
alert-important = 重要
alert-warning = 警告
alert-caution = 注意
task-done = 完了
task-open = 未完了

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

mt-badge = 機械翻訳
mt-disclaimer-title = 自動翻訳
mt-disclaimer-body = このページは{ LANGUAGE($source) }から自動翻訳されたもので、不正確な内容が含まれている可能性があります。正式な内容については{ LANGUAGE($source) }版をご参照ください。
mt-disclaimer-link = { LANGUAGE($source) }の原文ページを読む

source-translations-title = ほかの言語でもご覧いただけます
source-translations-body = このページは、ほかに{ $count }言語でもご覧いただけます。これらの翻訳は機械翻訳によるもので、正確でない場合があります。

not-translated-title = まだ翻訳されていません
not-translated-body = このページはまだ{ LANGUAGE($language) }に翻訳されていません。以下では、原文である{ LANGUAGE($source) }のまま表示しています。
not-translated-badge = 未翻訳

not-found-title = ページが見つかりません
not-found-body = お探しのページは存在しないか、移動された可能性があります。
not-found-home = トップページへ移動

drift-banner-title = この翻訳は古くなっている可能性があります
drift-banner-body = { $date }にこの翻訳を確認して以降、{ LANGUAGE($source) }ページの{ $count }か所が変更されています。
drift-banner-body-undated = この翻訳の作成以降、{ LANGUAGE($source) }ページの{ $count }か所が変更されています。
drift-marker = { LANGUAGE($source) }の原文で変更あり
drift-show-source = 現在の{ LANGUAGE($source) }の原文を表示
drift-source-link = { LANGUAGE($source) }ページでこのセクションを見る
drift-kind-source-changed = このセクションの{ LANGUAGE($source) }の原文が変更されました
drift-kind-source-added = { LANGUAGE($source) }の原文に追加された新しいセクション（未翻訳）
drift-kind-missing-segment = この翻訳には含まれていません
drift-kind-number-mismatch = { LANGUAGE($source) }の原文と数値が異なります
drift-kind-link-mismatch = { LANGUAGE($source) }の原文とリンクが異なります
drift-kind-code-mismatch = { LANGUAGE($source) }の原文とコードが異なります
drift-kind-untranslated = 未翻訳のまま

status-page-title = 翻訳状況
status-page-intro = このサイトのすべての翻訳について、{ LANGUAGE($source) }の原文と比較した状況を示します。
status-document = ページ
status-in-sync = 最新
status-outdated = 要更新
status-untracked = 未確認
status-missing = 未作成
status-findings = { $count }件の指摘

search-label = 検索
search-placeholder = サイト内を検索
search-count = { $count } 件の結果
