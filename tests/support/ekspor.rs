//! The Indonesian export article and its translations, shared by the drift tests.
//! Sources wrap their paragraphs; translations keep one line per paragraph, so line
//! numbers differ between the two files.
#![allow(dead_code)]

/// The source: an Indonesian help article (headings with ids, a list, a table, a code
/// block, links, numbers in Indonesian notation, a date).
pub const ID: &str = "\
# Mengekspor data akun Anda {#ekspor-data}

Anda dapat mengunduh salinan data akun Anda kapan saja. Arsip berisi profil,
koneksi, dan pesan Anda dalam format yang *dapat dibaca mesin*.

## Sebelum memulai {#sebelum-memulai}

- Pastikan Anda sudah masuk ke akun yang datanya ingin Anda unduh.
- Siapkan ruang penyimpanan kosong minimal 2 GB di perangkat Anda.
- Arsip hanya dapat diunduh dari browser, tidak dari aplikasi seluler.

## Meminta arsip {#meminta-arsip}

Buka **Pengaturan & Privasi**, lalu pilih *Unduh data Anda*. Baca juga
[panduan privasi](./privasi.md) sebelum melanjutkan.

Arsip biasanya siap dalam 7 hari. Kami mengirimkan tautan unduhan ke alamat
email utama Anda, dan tautan itu berlaku selama 1.000 menit.

Jika Anda mengelola situs dokumentasi sendiri, arsip juga dapat dibuat dari
baris perintah:

```sh
naskah build
```

## Batas ukuran {#batas-ukuran}

Setiap jenis data memiliki batas ukuran tersendiri:

| Jenis data | Batas |
|---|---|
| Pesan | 1.000,5 MB |
| Foto dan video | 500 MB |

Sejak 3 November 2025, arsip yang lebih besar dibagi menjadi beberapa file.
Informasi lebih lanjut tersedia di [pusat bantuan](https://Example.com/a/).
";

pub const EN: &str = "\
# Exporting your account data {#ekspor-data}

You can download a copy of your account data at any time. The archive contains your profile, connections and messages in a *machine-readable* format.

## Before you start {#sebelum-memulai}

- Make sure you are signed in to the account whose data you want to download.
- Free up at least 2 GB of storage space on your device.
- The archive can only be downloaded from a browser, not from the mobile app.

## Requesting an archive {#meminta-arsip}

Open **Settings & Privacy**, then select *Download your data*. Also read the [privacy guide](privasi.md) before you continue.

Archives are usually ready within 7 days. We send a download link to your primary email address, and the link is valid for 1,000 minutes.

If you run your own documentation site, you can also create the archive from the command line:

```sh
naskah build
```

## Size limits {#batas-ukuran}

Each type of data has its own size limit:

| Data type | Limit |
|---|---|
| Messages | 1,000.5 MB |
| Photos and videos | 500 MB |

Since 3 November 2025, larger archives are split into several files. More information is available in the [help centre](https://example.com/a).
";

pub const AR: &str = "\
# تصدير بيانات حسابك {#ekspor-data}

يمكنك تنزيل نسخة من بيانات حسابك في أي وقت. يحتوي الأرشيف على ملفك الشخصي وعلاقاتك ورسائلك بتنسيق *قابل للقراءة آليًا*.

## قبل البدء {#sebelum-memulai}

- تأكد من أنك سجّلت الدخول إلى الحساب الذي تريد تنزيل بياناته.
- وفّر مساحة تخزين فارغة لا تقل عن ٢ غيغابايت على جهازك.
- لا يمكن تنزيل الأرشيف إلا من المتصفح، وليس من تطبيق الهاتف المحمول.

## طلب الأرشيف {#meminta-arsip}

افتح **الإعدادات والخصوصية**، ثم اختر *تنزيل بياناتك*. اقرأ أيضًا [دليل الخصوصية](privasi.md) قبل المتابعة.

يكون الأرشيف جاهزًا عادةً خلال ٧ أيام. نرسل رابط التنزيل إلى عنوان بريدك الإلكتروني الأساسي، ويظل الرابط صالحًا لمدة ١٬٠٠٠ دقيقة.

إذا كنت تدير موقع توثيق خاصًا بك، فيمكنك أيضًا إنشاء الأرشيف من سطر الأوامر:

```sh
naskah build
```

## حدود الحجم {#batas-ukuran}

لكل نوع من البيانات حد خاص به للحجم:

| نوع البيانات | الحد |
|---|---|
| الرسائل | ١٠٠٠٫٥ ميغابايت |
| الصور ومقاطع الفيديو | ٥٠٠ ميغابايت |

منذ ٣ نوفمبر ٢٠٢٥، تُقسَّم الأرشيفات الأكبر حجمًا إلى عدة ملفات. تتوفر معلومات إضافية في [مركز المساعدة](https://example.com/a).
";

pub const JA: &str = "\
# アカウントデータのエクスポート {#ekspor-data}

アカウントデータのコピーはいつでもダウンロードできます。アーカイブには、プロフィール、つながり、メッセージが*機械可読*な形式で含まれています。

## 始める前に {#sebelum-memulai}

- データをダウンロードしたいアカウントにログインしていることを確認してください。
- デバイスに2 GB以上の空き容量を確保してください。
- アーカイブはブラウザからのみダウンロードでき、モバイルアプリからはダウンロードできません。

## アーカイブをリクエストする {#meminta-arsip}

**設定とプライバシー**を開き、*データをダウンロード*を選択します。続行する前に[プライバシーガイド](privasi.md)もお読みください。

アーカイブは通常7日以内に準備されます。ダウンロードリンクはメインのメールアドレスに送信され、リンクの有効期間は1,000分です。

独自のドキュメントサイトを運営している場合は、コマンドラインからアーカイブを作成することもできます。

```sh
naskah build
```

## サイズの上限 {#batas-ukuran}

データの種類ごとにサイズの上限があります。

| データの種類 | 上限 |
|---|---|
| メッセージ | 1,000.5 MB |
| 写真と動画 | 500 MB |

2025年11月3日以降、大きなアーカイブは複数のファイルに分割されます。詳しくは[ヘルプセンター](https://example.com/a)をご覧ください。
";
