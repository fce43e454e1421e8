//! Text pages of many sites, shaped as scrapers save them (navigation, header,
//! body, attribution, related headlines, lists of news, footer): one golden
//! test per header, byline, dateline and furniture form, and a property over
//! generated pages: every sentence of the input ends up in the bundle or in a
//! warning.

use folio::import::{ImportedPage, import_page};
use proptest::prelude::*;

fn when(p: &ImportedPage) -> String {
    p.article.published.map_or_else(
        || "-".to_string(),
        |t| t.format("%Y-%m-%d %H:%M").to_string(),
    )
}

fn news(p: &ImportedPage) -> Vec<(String, &str)> {
    p.news_line
        .iter()
        .map(|e| {
            (
                e.time.format("%Y-%m-%d %H:%M").to_string(),
                e.headline.as_str(),
            )
        })
        .collect()
}

fn warnings(p: &ImportedPage) -> Vec<String> {
    p.warnings
        .iter()
        .map(|w| format!("{}:{}: {}", w.line, w.column, w.message))
        .collect()
}

const JAMESTOWN: &str = "\
Home | Programs | Analysis | Events | About
Search

Russia and Turkey Compete for Influence in the South Caucasus

Publication: Eurasia Daily Monitor Volume: 17 Issue: 75
By: Fuad Shahbazov
June 3, 2020 03:12 PM

The month of May saw a surge of diplomatic activity between Moscow and Ankara. \
Both capitals claimed a role in the region (Mod.gov.az, May 23).

Officials in Baku welcomed the talks. Yerevan was more cautious.

Related
Azerbaijan hosts NATO delegation
Armenian opposition calls for protests

© 2020 The Jamestown Foundation. All rights reserved.
";

#[test]
fn publication_line_by_colon_and_month_name_header() {
    let p = import_page(JAMESTOWN);
    let a = &p.article;
    assert_eq!(
        a.title,
        "Russia and Turkey Compete for Influence in the South Caucasus"
    );
    assert_eq!(
        a.origin.as_deref(),
        Some("Eurasia Daily Monitor, Volume 17, Issue 75")
    );
    assert_eq!(a.author.as_deref(), Some("Fuad Shahbazov"));
    assert_eq!(when(&p), "2020-06-03 15:12");
    assert_eq!(a.paragraphs.len(), 2);
    assert!(a.paragraphs[0].ends_with("in the region[^1]."));
    assert_eq!(a.citations.len(), 1);
    assert_eq!(
        a.related,
        [
            "Azerbaijan hosts NATO delegation",
            "Armenian opposition calls for protests"
        ]
    );
    assert_eq!(
        p.stats.dropped_chrome,
        [
            "Home | Programs | Analysis | Events | About",
            "Search",
            "© 2020 The Jamestown Foundation. All rights reserved."
        ]
    );
    assert!(p.warnings.is_empty(), "{:?}", warnings(&p));
}

const TURAN: &str = "\
\u{feff}AZ | RU | EN
Politics Economy Society

Azerbaijan reports ceasefire violations along the line of contact

Politics 14:05

Baku/23.05.20/Turan: The Ministry of Defense reported that Armenian units violated \
the ceasefire 24 times over the past day.

The ministry said that the fire was returned.

Important news
13:40 Parliament approves amendments to the budget
12:15 Central bank keeps the refinancing rate unchanged

Popular news

Opposition party holds online conference
11:05
Prices of fuel rise again
10:20
";

#[test]
fn time_only_header_dateline_date_and_timed_lists() {
    let p = import_page(TURAN);
    let a = &p.article;
    assert_eq!(
        a.title,
        "Azerbaijan reports ceasefire violations along the line of contact"
    );
    assert_eq!(a.category.as_deref(), Some("Politics"));
    // The dateline is prose, and the page's only date.
    assert_eq!(when(&p), "2020-05-23 14:05");
    assert!(a.paragraphs[0].starts_with("Baku/23.05.20/Turan: The Ministry"));
    assert_eq!(a.paragraphs.len(), 2);
    assert_eq!(
        news(&p),
        [
            (
                "2020-05-23 13:40".to_string(),
                "Parliament approves amendments to the budget"
            ),
            (
                "2020-05-23 12:15".to_string(),
                "Central bank keeps the refinancing rate unchanged"
            ),
            (
                "2020-05-23 11:05".to_string(),
                "Opposition party holds online conference"
            ),
            ("2020-05-23 10:20".to_string(), "Prices of fuel rise again"),
        ]
    );
    assert!(a.related.is_empty());
    assert!(p.warnings.is_empty(), "{:?}", warnings(&p));
}

#[test]
fn a_byte_order_mark_is_not_text() {
    let p = import_page("\u{feff}Azerbaijan reports growth\n\n03.06.2020 15:33\n\nBody.\n");
    assert_eq!(p.article.title, "Azerbaijan reports growth");
    assert_eq!(when(&p), "2020-06-03 15:33");
    let p = import_page(TURAN);
    assert!(p.stats.dropped_chrome[0].starts_with("AZ"));
}

const REUTERS: &str = "\
World
Business
Markets

Azerbaijan's oil exports fall as OPEC+ cuts take hold

By Nailia Bagirova

BAKU, May 23 (Reuters) – Azerbaijan's oil exports fell in May as the country \
complied with the OPEC+ agreement to cut output, the energy ministry said on Saturday.

The ministry said exports would recover in the second half of the year.

Latest
Oil prices steady as demand hopes offset virus fears
05.06.2020 09:10
Caspian pipeline flows resume after maintenance
04.06.2020 18:30
";

#[test]
fn bare_by_and_a_dateline_without_a_year() {
    let p = import_page(REUTERS);
    let a = &p.article;
    assert_eq!(
        a.title,
        "Azerbaijan's oil exports fall as OPEC+ cuts take hold"
    );
    assert_eq!(a.author.as_deref(), Some("Nailia Bagirova"));
    assert_eq!(a.category.as_deref(), None);
    assert_eq!(when(&p), "2020-05-23 00:00");
    assert!(a.paragraphs[0].starts_with("BAKU, May 23 (Reuters) – Azerbaijan's"));
    assert_eq!(news(&p).len(), 2);
    let w = warnings(&p);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].starts_with("9:1: the dateline has no year; 2020"),
        "{w:?}"
    );
    // The menu lines before the title are navigation.
    assert_eq!(p.stats.dropped_chrome, ["World", "Business", "Markets"]);
    assert_eq!(a.paragraphs.len(), 2);
}

const YEAR_FIRST: &str = "\
Caspian News Agency
Home / Politics / Region

Talks on the peace treaty resume in Washington

POLITICS 2020.06.03 15:33 GMT

Author: Leyla Aliyeva

The foreign ministers met for the third time this year. The talks lasted six hours.

Written by Leyla Aliyeva

Share
Print
";

#[test]
fn year_first_header_with_zone_and_author_colon() {
    let p = import_page(YEAR_FIRST);
    let a = &p.article;
    assert_eq!(a.title, "Talks on the peace treaty resume in Washington");
    assert_eq!(a.category.as_deref(), Some("POLITICS"));
    assert_eq!(when(&p), "2020-06-03 15:33");
    assert_eq!(a.zone.as_deref(), Some("GMT"));
    assert_eq!(a.author.as_deref(), Some("Leyla Aliyeva"));
    assert_eq!(
        a.paragraphs,
        ["The foreign ministers met for the third time this year. The talks lasted six hours."]
    );
    assert!(p.stats.dropped_chrome.contains(&"Share".to_string()));
    assert!(p.warnings.is_empty(), "{:?}", warnings(&p));
}

const TEASERS: &str = "\
News.az

Azerbaijan and Georgia sign transit agreement

ECONOMY  3 June 2020 - 15:33

Written by Kamran Mammadov

The agreement covers rail and road freight. It takes effect in July.

Georgia's transit revenues are expected to grow.

Baku hosts energy week
The annual forum brings together oil and gas companies from 30 countries.
MORE

Central bank sells currency at auction
The bank sold 50 million dollars at Tuesday's auction.
Read more »

Latest news
";

#[test]
fn category_and_date_on_one_line_teasers_and_an_empty_news_heading() {
    let p = import_page(TEASERS);
    let a = &p.article;
    assert_eq!(a.title, "Azerbaijan and Georgia sign transit agreement");
    assert_eq!(a.category.as_deref(), Some("ECONOMY"));
    assert_eq!(when(&p), "2020-06-03 15:33");
    assert_eq!(a.author.as_deref(), Some("Kamran Mammadov"));
    assert_eq!(a.paragraphs.len(), 2);
    assert_eq!(
        a.related,
        [
            "Baku hosts energy week — The annual forum brings together oil and gas companies from 30 countries.",
            "Central bank sells currency at auction — The bank sold 50 million dollars at Tuesday's auction."
        ]
    );
    assert!(p.news_line.is_empty());
    assert_eq!(p.stats.dropped_chrome, ["News.az", "MORE", "Read more »"]);
    assert!(p.warnings.is_empty(), "{:?}", warnings(&p));
}

const RUSSIAN: &str = "\
Главная | Политика | Экономика | Общество

Баку и Ереван обменялись обвинениями

23 мая 2020 г., 14:05

Автор: Анна Иванова

МОСКВА, 23 мая. /ТАСС/. Министр иностранных дел заявил о готовности к переговорам. \
Встреча может пройти в июне.

Читайте также:
Путин провел телефонный разговор с Алиевым
Пашинян прокомментировал заявление Лаврова

Важные новости
13:20 Курс доллара снизился
12:45 В Баку открылась выставка
";

#[test]
fn russian_month_names_and_lists() {
    let p = import_page(RUSSIAN);
    let a = &p.article;
    assert_eq!(a.title, "Баку и Ереван обменялись обвинениями");
    assert_eq!(when(&p), "2020-05-23 14:05");
    assert_eq!(a.author.as_deref(), Some("Анна Иванова"));
    assert_eq!(a.paragraphs.len(), 1);
    assert!(a.paragraphs[0].starts_with("МОСКВА, 23 мая. /ТАСС/. Министр"));
    assert_eq!(
        a.related,
        [
            "Путин провел телефонный разговор с Алиевым",
            "Пашинян прокомментировал заявление Лаврова"
        ]
    );
    assert_eq!(
        news(&p),
        [
            ("2020-05-23 13:20".to_string(), "Курс доллара снизился"),
            ("2020-05-23 12:45".to_string(), "В Баку открылась выставка")
        ]
    );
    assert!(p.warnings.is_empty(), "{:?}", warnings(&p));
}

const AZERBAIJANI: &str = "\
Ana səhifə
Siyasət | İqtisadiyyat | Cəmiyyət

Prezident yeni fərman imzalayıb

23 may 2020 14:05

Bakı, 23 may, APA. Prezident İlham Əliyev yeni fərman imzalayıb. \
Fərman dərc olunduğu gündən qüvvəyə minir.

Son xəbərlər

Bütün hüquqlar qorunur.
";

#[test]
fn azerbaijani_dates_and_a_news_heading_with_no_items() {
    let p = import_page(AZERBAIJANI);
    let a = &p.article;
    assert_eq!(a.title, "Prezident yeni fərman imzalayıb");
    assert_eq!(when(&p), "2020-05-23 14:05");
    assert_eq!(a.paragraphs.len(), 1);
    assert!(p.news_line.is_empty());
    assert!(a.related.is_empty());
    assert_eq!(
        p.stats.dropped_chrome,
        [
            "Ana səhifə",
            "Siyasət | İqtisadiyyat | Cəmiyyət",
            "Bütün hüquqlar qorunur."
        ]
    );
    assert!(p.warnings.is_empty(), "{:?}", warnings(&p));
}

const TURKISH: &str = "\
Gündem – Dünya – Ekonomi – Spor

Azerbaycan ile Türkiye arasında yeni anlaşma

23 Mayıs 2020 14:05

Yazar: Mehmet Yılmaz

Ankara, 23 Mayıs 2020 (AA) – İki ülke arasında yeni bir ticaret anlaşması imzalandı. \
Anlaşma gelecek ay yürürlüğe girecek.

— Dolar kuru yeni rekor kırdı
— Merkez Bankası faiz kararını açıkladı
— İstanbul'da yağmur etkili oluyor
";

#[test]
fn turkish_dates_and_dash_sidebars() {
    let p = import_page(TURKISH);
    let a = &p.article;
    assert_eq!(a.title, "Azerbaycan ile Türkiye arasında yeni anlaşma");
    assert_eq!(when(&p), "2020-05-23 14:05");
    assert_eq!(a.author.as_deref(), Some("Mehmet Yılmaz"));
    assert_eq!(a.paragraphs.len(), 1);
    assert_eq!(
        a.related,
        [
            "Dolar kuru yeni rekor kırdı",
            "Merkez Bankası faiz kararını açıkladı",
            "İstanbul'da yağmur etkili oluyor"
        ]
    );
    assert_eq!(p.stats.dropped_chrome, ["Gündem – Dünya – Ekonomi – Spor"]);
    assert!(p.warnings.is_empty(), "{:?}", warnings(&p));
}

#[test]
fn more_header_forms() {
    for (header, want, category, zone) in [
        ("03.06.2020 15:33", "2020-06-03 15:33", None, None),
        (
            "Analytics 15:33 03.06.2020",
            "2020-06-03 15:33",
            Some("Analytics"),
            None,
        ),
        (
            "2020.06.03 15:33 GMT+4",
            "2020-06-03 15:33",
            None,
            Some("GMT+4"),
        ),
        ("3 June 2020 15:33", "2020-06-03 15:33", None, None),
        (
            "Published: 3 June 2020, 15:33",
            "2020-06-03 15:33",
            None,
            None,
        ),
        (
            "World | 3 Jun 2020 – 15:33",
            "2020-06-03 15:33",
            Some("World"),
            None,
        ),
        ("3 июня 2020 г. 15:33", "2020-06-03 15:33", None, None),
        ("03 İyun 2020 15:33", "2020-06-03 15:33", None, None),
        ("3 Haziran 2020 15:33", "2020-06-03 15:33", None, None),
        ("June 3, 2020", "2020-06-03 00:00", None, None),
    ] {
        let p = import_page(&format!(
            "Talks resume in Vienna\n\n{header}\n\nThe talks resumed.\n"
        ));
        assert_eq!(when(&p), want, "{header}");
        assert_eq!(p.article.category.as_deref(), category, "{header}");
        assert_eq!(p.article.zone.as_deref(), zone, "{header}");
        assert_eq!(p.article.paragraphs, ["The talks resumed."], "{header}");
        assert!(p.warnings.is_empty(), "{header}: {:?}", warnings(&p));
    }
}

const TRUNCATED: &str = "\
Baku hosts regional security conference

04.06.2020 10:00

Delegations from twelve countries arrived in Baku on Thursday. The conference will discuss \
border security and the fight against smuggl";

#[test]
fn a_truncated_page_keeps_its_partial_paragraph() {
    let p = import_page(TRUNCATED);
    assert_eq!(p.article.paragraphs.len(), 1);
    assert!(p.article.paragraphs[0].ends_with("against smuggl"));
    let w = warnings(&p);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].starts_with("5:"), "{w:?}");
    assert!(w[0].contains("stops mid-sentence"), "{w:?}");
}

#[test]
fn a_page_with_no_header_keeps_all_its_prose() {
    // No title line, no date: the prose is all there, with warnings.
    let page = "The talks resumed in Vienna on Monday. Both sides called them constructive.\n\n\
                A second round is planned for July.\n";
    let p = import_page(page);
    assert_eq!(
        p.article.paragraphs,
        [
            "The talks resumed in Vienna on Monday. Both sides called them constructive.",
            "A second round is planned for July."
        ]
    );
    assert_eq!(p.article.title, "");
    let w = warnings(&p);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].contains("no title"), "{w:?}");
    assert!(w[1].contains("no date"), "{w:?}");

    // A title and prose, and a header in a form not known: kept as prose.
    let p = import_page("Talks resume\n\nSometime last week\n\nThe talks resumed.\n");
    assert_eq!(
        p.article.paragraphs,
        ["Sometime last week", "The talks resumed."]
    );
    assert_eq!(p.warnings.len(), 1);
}

// ---------------------------------------------------------------------------
// The property: whatever the page looks like, no sentence is lost.

const WORDS: &[&str] = &[
    "the",
    "ministry",
    "said",
    "talks",
    "Baku",
    "would",
    "resume",
    "in",
    "June",
    "border",
    "officials",
    "reported",
    "that",
    "oil",
    "exports",
    "grew",
    "by",
    "May",
    "and",
    "more",
    "news",
    "all",
    "read",
    "of",
    "Yerevan",
    "president",
    "signed",
    "decree",
    "on",
    "trade",
];

/// A sentence with a unique tag (`s17`) to find it by.
fn sentence(tag: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(0..WORDS.len(), 3..12).prop_map(move |ws| {
        let words: Vec<&str> = ws.iter().map(|&w| WORDS[w]).collect();
        let mut s = format!("S{tag} {}", words.join(" "));
        s.push('.');
        s
    })
}

fn headline(tag: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(0..WORDS.len(), 2..7).prop_map(move |ws| {
        let words: Vec<&str> = ws.iter().map(|&w| WORDS[w]).collect();
        format!("H{tag} {}", words.join(" "))
    })
}

const NAV: &[&str] = &[
    "Home | News | Analytics | Contact",
    "AZ RU EN",
    "Search",
    "Share",
    "© 2021 Some Agency. All rights reserved.",
];
const HEADERS: &[&str] = &[
    "Analytics 15:33 03.06.2020",
    "03.06.2020 15:33",
    "2020.06.03 15:33 GMT",
    "3 June 2020 15:33",
    "ECONOMY  3 June 2020 - 15:33",
    "Politics 15:33",
    "23 мая 2020 г., 14:05",
    "23 Mayıs 2020 14:05",
    "",
];
const BYLINES: &[&str] = &[
    "By: Jane Doe",
    "By Jane Doe",
    "Written by Jane Doe",
    "Author: Jane Doe",
    "",
];
const DATELINES: &[&str] = &["Baku/23.05.20/Turan: ", "BAKU, May 23 (Reuters) – ", ""];
const HEADINGS: &[&str] = &[
    "News line",
    "Popular news",
    "Important news",
    "Read also",
    "Latest news",
];

#[derive(Debug, Clone)]
enum Piece {
    Nav(usize),
    /// Headlines with times under a heading.
    Timed(usize, Vec<String>),
    /// Headlines with teasers and "MORE".
    Teasers(Vec<(String, String)>),
    Sidebar(Vec<String>),
    EmptyHeading(usize),
}

fn piece(tag: usize) -> impl Strategy<Value = Piece> {
    prop_oneof![
        (0..NAV.len()).prop_map(Piece::Nav),
        (
            0..HEADINGS.len(),
            proptest::collection::vec(headline(tag), 1..4)
        )
            .prop_map(|(h, l)| Piece::Timed(h, l)),
        proptest::collection::vec((headline(tag + 1), sentence(tag + 2)), 1..3)
            .prop_map(Piece::Teasers),
        proptest::collection::vec(headline(tag + 3), 2..4).prop_map(Piece::Sidebar),
        (0..HEADINGS.len()).prop_map(Piece::EmptyHeading),
    ]
}

fn render(piece: &Piece, out: &mut Vec<String>) {
    match piece {
        Piece::Nav(i) => out.push(NAV[*i].to_string()),
        Piece::Timed(h, lines) => {
            let mut block = vec![HEADINGS[*h].to_string()];
            for (i, l) in lines.iter().enumerate() {
                block.push(format!("{l} {i}"));
                block.push(format!("1{i}:0{i} 05.07.2025"));
            }
            out.push(block.join("\n"));
        }
        Piece::Teasers(items) => {
            for (h, t) in items {
                out.push(format!("{h}\n{t}\nMORE"));
            }
        }
        Piece::Sidebar(lines) => out.push(
            lines
                .iter()
                .map(|l| format!("— {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Piece::EmptyHeading(h) => out.push(HEADINGS[*h].to_string()),
    }
}

prop_compose! {
    fn page()(
        before in proptest::collection::vec(piece(100), 0..3),
        title in headline(0),
        header in 0..HEADERS.len(),
        byline in 0..BYLINES.len(),
        dateline in 0..DATELINES.len(),
        paragraphs in proptest::collection::vec(proptest::collection::vec(sentence(1), 1..4), 1..5),
        after in proptest::collection::vec(piece(200), 0..4),
        truncate in any::<bool>(),
    ) -> (String, Vec<String>) {
        let mut blocks = Vec::new();
        for p in &before {
            render(p, &mut blocks);
        }
        blocks.push(title.clone());
        for extra in [HEADERS[header], BYLINES[byline]] {
            if !extra.is_empty() {
                blocks.push(extra.to_string());
            }
        }
        let mut sentences = vec![title];
        let mut body = Vec::new();
        let mut last_body = 0;
        for (i, sentences_of) in paragraphs.iter().enumerate() {
            // Tags made unique per sentence.
            let tagged: Vec<String> = sentences_of
                .iter()
                .enumerate()
                .map(|(j, s)| s.replacen("S1 ", &format!("S1x{i}x{j} "), 1))
                .collect();
            sentences.extend(tagged.iter().cloned());
            last_body = sentences.len() - 1;
            let mut text = tagged.join(" ");
            if i == 0 {
                text = format!("{}{text}", DATELINES[dateline]);
            }
            body.push(text);
        }
        blocks.extend(body);
        for p in &after {
            render(p, &mut blocks);
        }
        for p in before.iter().chain(&after) {
            match p {
                Piece::Timed(_, lines) => sentences.extend(lines.iter().enumerate().map(|(i, l)| format!("{l} {i}"))),
                Piece::Teasers(items) => {
                    for (h, t) in items {
                        sentences.push(h.clone());
                        sentences.push(t.clone());
                    }
                }
                Piece::Sidebar(lines) => sentences.extend(lines.iter().cloned()),
                Piece::Nav(_) | Piece::EmptyHeading(_) => {}
            }
        }
        let mut text = blocks.join("\n\n");
        text.push('\n');
        if truncate && after.is_empty() {
            // Cut the last sentence mid-word.
            text.truncate(text.trim_end().len() - 3);
            let last = &mut sentences[last_body];
            last.truncate(last.len() - 3);
        }
        (text, sentences)
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn no_sentence_is_ever_lost((text, sentences) in page()) {
        let p = import_page(&text);
        let a = &p.article;
        let mut kept: Vec<String> = vec![a.title.clone()];
        kept.extend(a.paragraphs.iter().cloned());
        kept.extend(a.related.iter().cloned());
        kept.extend(p.news_line.iter().map(|e| e.headline.clone()));
        kept.extend([&a.author, &a.origin, &a.category].into_iter().flatten().cloned());
        kept.extend(p.warnings.iter().map(|w| w.message.clone()));
        let kept = squash(&kept.join("\n"));
        for s in &sentences {
            prop_assert!(kept.contains(&squash(s)), "lost {s:?}\npage:\n{text}\nkept:\n{kept}");
        }
        // Nothing dropped as navigation is a sentence of the page.
        for d in &p.stats.dropped_chrome {
            prop_assert!(!sentences.iter().any(|s| squash(s) == squash(d)), "dropped {d:?}");
        }
        // The body is the article's paragraphs, in order.
        let body: Vec<&String> = sentences.iter().filter(|s| s.starts_with("S1x")).collect();
        let paragraphs = squash(&a.paragraphs.join(" "));
        let mut at = 0;
        for s in body {
            let s = squash(s);
            let found = paragraphs[at..].find(&s);
            prop_assert!(found.is_some(), "body sentence {s:?} not in the paragraphs, in order:\n{text}");
            at += found.unwrap_or(0) + s.len();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn any_lines_import_without_panic(
        lines in proptest::collection::vec(
            prop_oneof![
                "[^\n\r]{0,30}",
                "(— |- |• )?[A-Za-zəüşığ ]{0,20}",
                "[0-9:. ]{0,20}",
                "(News line|Popular news|MORE|Read more|All|By |Written by |Publication: |Baku/|BAKU, May 2 )[a-zA-Z0-9:./ ]{0,12}",
                Just(String::new()),
            ],
            0..40,
        ),
    ) {
        let text = lines.join("\n");
        let p = import_page(&text);
        // Every citation marker in the text has its citation.
        prop_assert!(p.article.citations.len() <= text.matches('(').count());
    }
}
