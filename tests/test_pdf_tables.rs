//! Tables in PDF files read cell by cell: the same Russian and English article, with a
//! full-width table on a one-column page and a table inside a column of a two-column page
//! (cells wrapping over two and three lines), typeset by LibreOffice and by pdfLaTeX, and a
//! two-column pdfLaTeX page with a table across both columns; every cell reads as one
//! paragraph, row by row, and the text around the tables as typeset.
//! Run by `make office-check`.

use std::process::Command;

use crate::workdir::{run, Workdir};

/// One language's article: its paragraphs and its two tables (header row first).
struct Article {
    lang: &'static str,
    title: &'static str,
    intro: &'static str,
    caption1: &'static str,
    trade: [[&'static str; 4]; 5],
    after: &'static str,
    lead: &'static str,
    caption2: &'static str,
    history: [[&'static str; 2]; 4],
    rest: [&'static str; 3],
}

const EN: Article = Article {
    lang: "en",
    title: "Russia’s Trade with Its Asian Neighbours",
    intro: "Over the past decade the eastern direction has become the fastest growing part of Russian foreign trade. The share of the Asia-Pacific countries in the turnover rose from a tenth to almost a quarter, and the structure of the trade changed as well: alongside crude oil and timber, Russia now sells liquefied gas, coal and electricity, while it buys machinery, electronics and cars. The figures below are taken from the customs statistics and rounded to one decimal place.",
    caption1: "Table 1. Trade turnover, billion US dollars",
    trade: [
        ["Country", "2012", "2013", "Main goods"],
        ["China", "87.5", "88.8", "Crude oil, timber and fertilisers going south; machinery, electronics and clothing going north"],
        ["Japan", "31.2", "33.2", "Liquefied natural gas and oil from Sakhalin; cars, spare parts and machine tools"],
        ["Republic of Korea", "24.9", "25.2", "Oil products, fish and seafood from the Far East; ships, steel and household appliances"],
        ["Mongolia", "1.6", "1.6", "Fuel, wheat flour and electricity; wool, meat and copper concentrate"],
    ],
    after: "China remains by far the largest partner, although the growth of trade with it slowed in 2013 as prices of raw materials fell. Japan increased its purchases of gas after the accident at the Fukushima nuclear plant, and Korean shipyards received orders for ice-class tankers.",
    lead: "The institutional framework of this trade took shape gradually. Regional organisations played a notable role in it, first of all the Shanghai Cooperation Organisation, whose members agreed on common rules for border crossings, transport corridors and the settlement of disputes. The main steps of its history are listed in Table 2.",
    caption2: "Table 2. Stages of the SCO",
    history: [
        ["Year", "Event"],
        ["1996", "The Shanghai Five is founded by China, Russia, Kazakhstan, Kyrgyzstan and Tajikistan"],
        ["2001", "Uzbekistan joins, and the Shanghai Cooperation Organisation is proclaimed"],
        ["2017", "India and Pakistan become full members of the organisation"],
    ],
    rest: [
        "Membership widened the market, but it did not remove the barriers that hamper trade in the region. Exporters still complain about long queues at the border, about customs rules that change from year to year and about the lack of modern warehouses near the crossing points.",
        "The authorities of the Far Eastern regions hope that new free ports and advanced development zones will change this picture. In Vladivostok, Nakhodka and Vanino investors are offered lower taxes, a simplified visa regime and faster customs clearance, and the first results are already visible in the statistics of cargo handled by the ports.",
        "Much will depend, however, on the demand for Russian goods in Asia itself. If the economies of China and Japan continue to slow down, the volumes of trade will hardly return to the records of the early 2010s, and diversification of exports will become not a slogan but a necessity.",
    ],
};

const RU: Article = Article {
    lang: "ru",
    title: "Торговля России с азиатскими соседями",
    intro: "За последнее десятилетие восточное направление стало самой быстрорастущей частью внешней торговли России. Доля стран Азиатско-Тихоокеанского региона в товарообороте выросла с десятой части почти до четверти, изменилась и структура торговли: помимо сырой нефти и леса Россия продаёт теперь сжиженный газ, уголь и электроэнергию, а покупает машины, электронику и автомобили. Приведённые ниже данные взяты из таможенной статистики и округлены до одного знака после запятой.",
    caption1: "Таблица 1. Товарооборот, млрд долларов США",
    trade: [
        ["Страна", "2012", "2013", "Основные товары"],
        ["Китай", "87,5", "88,8", "Сырая нефть, лес и удобрения на юг; машины, электроника и одежда на север"],
        ["Япония", "31,2", "33,2", "Сжиженный природный газ и нефть с Сахалина; автомобили, запчасти и станки"],
        ["Республика Корея", "24,9", "25,2", "Нефтепродукты, рыба и морепродукты с Дальнего Востока; суда, сталь и бытовая техника"],
        ["Монголия", "1,6", "1,6", "Топливо, пшеничная мука и электроэнергия; шерсть, мясо и медный концентрат"],
    ],
    after: "Китай остаётся крупнейшим партнёром, хотя в 2013 г. рост торговли с ним замедлился из-за падения цен на сырьё. Япония увеличила закупки газа после аварии на АЭС «Фукусима», а корейские верфи получили заказы на танкеры ледового класса.",
    lead: "Институциональные рамки этой торговли складывались постепенно. Заметную роль в этом сыграли региональные организации, прежде всего Шанхайская организация сотрудничества, члены которой договорились об общих правилах пересечения границ, транспортных коридорах и урегулировании споров. Основные этапы её истории перечислены в таблице 2.",
    caption2: "Таблица 2. Этапы истории ШОС",
    history: [
        ["Год", "Событие"],
        ["1996", "Китай, Россия, Казахстан, Киргизия и Таджикистан создают «Шанхайскую пятёрку»"],
        ["2001", "К ней присоединяется Узбекистан, и провозглашается Шанхайская организация сотрудничества"],
        ["2017", "Индия и Пакистан становятся полноправными членами организации"],
    ],
    rest: [
        "Расширение состава увеличило рынок, но не устранило барьеров, мешающих торговле в регионе. Экспортёры по-прежнему жалуются на длинные очереди на границе, на таможенные правила, которые меняются из года в год, и на нехватку современных складов вблизи пунктов пропуска.",
        "Власти дальневосточных регионов надеются, что новые свободные порты и территории опережающего развития изменят эту картину. Во Владивостоке, Находке и Ванино инвесторам предлагают пониженные налоги, упрощённый визовый режим и ускоренное таможенное оформление, и первые результаты уже видны в статистике грузооборота портов.",
        "Многое, однако, будет зависеть от спроса на российские товары в самой Азии. Если экономики Китая и Японии продолжат замедляться, объёмы торговли вряд ли вернутся к рекордам начала 2010-х годов, а диверсификация экспорта станет не лозунгом, а необходимостью.",
    ],
};

/// The paragraphs repeated `times`, numbered from 1.
fn numbered(paras: &[&str], times: usize) -> Vec<String> {
    (0..times)
        .flat_map(|_| paras)
        .enumerate()
        .map(|(k, p)| format!("{}. {p}", k + 1))
        .collect()
}

/// How often the closing paragraphs repeat: enough to fill the first column of the second
/// page and run on into the second.
const REPEAT: usize = 4;

impl Article {
    /// The paragraphs as they should read: each table cell one paragraph, row by row.
    fn expected(&self) -> Vec<String> {
        let mut out: Vec<String> = vec![self.title.into(), self.intro.into(), self.caption1.into()];
        out.extend(self.trade.iter().flatten().map(|c| c.to_string()));
        out.extend([self.after, self.lead, self.caption2].map(String::from));
        out.extend(self.history.iter().flatten().map(|c| c.to_string()));
        out.extend(self.closing());
        out
    }

    /// The closing paragraphs, repeated, each numbered (repeated lines at the same place
    /// of several pages would be running heads).
    fn closing(&self) -> Vec<String> {
        numbered(&self.rest, REPEAT)
    }

    /// A flat ODT: a one-column first page with the full-width table, then a two-column
    /// section from the second page holding the other table. Cells are padded 0.1 cm (the
    /// narrowest LibreOffice default) and ruled.
    fn fodt(&self) -> String {
        let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
        let p = |style: &str, text: &str| {
            format!(
                r#"<text:p text:style-name="{style}">{}</text:p>"#,
                esc(text)
            )
        };
        let table = |name: &str, rows: Vec<Vec<&str>>, widths: &[f64]| {
            let cols: String = (0..widths.len())
                .map(|i| format!(r#"<table:table-column table:style-name="{name}.c{i}"/>"#))
                .collect();
            let body: String = rows
                .iter()
                .map(|r| {
                    let cells: String = r
                        .iter()
                        .map(|c| {
                            format!(
                                r#"<table:table-cell table:style-name="Cell" office:value-type="string">{}</table:table-cell>"#,
                                p("Cellp", c)
                            )
                        })
                        .collect();
                    format!("<table:table-row>{cells}</table:table-row>")
                })
                .collect();
            format!(
                r#"<table:table table:name="{name}" table:style-name="{name}">{cols}{body}</table:table>"#
            )
        };
        let styles = |name: &str, widths: &[f64]| {
            let total: f64 = widths.iter().sum();
            let mut s = format!(
                r#"<style:style style:name="{name}" style:family="table"><style:table-properties style:width="{total}cm" table:align="left" fo:margin-top="0.2cm" fo:margin-bottom="0.2cm"/></style:style>"#
            );
            for (i, w) in widths.iter().enumerate() {
                s += &format!(
                    r#"<style:style style:name="{name}.c{i}" style:family="table-column"><style:table-column-properties style:column-width="{w}cm"/></style:style>"#
                );
            }
            s
        };
        let (w1, w2) = ([2.2, 1.3, 1.3, 11.2], [1.3, 6.3]);
        let country = if self.lang == "ru" { "RU" } else { "US" };
        let mut body = p("Title", self.title) + &p("Body", self.intro) + &p("Cap", self.caption1);
        body += &table("T1", self.trade.iter().map(|r| r.to_vec()).collect(), &w1);
        body += &p("Body", self.after);
        let mut section = p("Break", self.lead) + &p("Cap", self.caption2);
        section += &table("T2", self.history.iter().map(|r| r.to_vec()).collect(), &w2);
        for r in self.closing() {
            section += &p("Body", &r);
        }
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="Liberation Serif" fo:font-size="10pt" fo:language="{lang}" fo:country="{country}" fo:hyphenate="true"/></style:default-style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:text-indent="0.5cm"/></style:style>
<style:style style:name="Break" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:break-before="page"/></style:style>
<style:style style:name="Cap" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.3cm"/><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Cellp" style:family="paragraph"><style:text-properties fo:hyphenate="false"/></style:style>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.5cm"/><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/></style:page-layout>
<style:style style:name="Cols" style:family="section"><style:section-properties text:dont-balance-text-columns="true"><style:columns fo:column-count="2" fo:column-gap="0.8cm"/></style:section-properties></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>
{s1}{s2}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL"/></office:master-styles>
<office:body><office:text>{body}<text:section text:style-name="Cols" text:name="S">{section}</text:section></office:text></office:body></office:document>"#,
            lang = self.lang,
            s1 = styles("T1", &w1),
            s2 = styles("T2", &w2),
        )
    }

    /// The same article for pdfLaTeX: the full-width table with `p{}` columns on the first
    /// page, then `multicols` from the second page with the other table in a column, both
    /// ruled at the head and foot only (cells of one row told apart by nothing but layout).
    fn tex(&self) -> String {
        let esc = |s: &str| s.replace('&', "\\&").replace('%', "\\%");
        let table = |rows: Vec<Vec<&str>>, spec: &str| {
            let mut out = format!("\\begin{{tabular}}{{{spec}}}\n\\hline\n");
            for (k, r) in rows.iter().enumerate() {
                let cells: Vec<String> = r.iter().map(|c| esc(c)).collect();
                out += &format!("{} \\\\\n", cells.join(" & "));
                if k == 0 {
                    out += "\\hline\n";
                }
            }
            out + "\\hline\n\\end{tabular}"
        };
        let babel = if self.lang == "ru" {
            "english,russian"
        } else {
            "russian,english"
        };
        let closing: Vec<String> = self.closing().iter().map(|r| esc(r)).collect();
        format!(
            "\\documentclass[10pt,a4paper]{{article}}
\\usepackage[T2A]{{fontenc}}
\\usepackage[utf8]{{inputenc}}
\\usepackage[{babel}]{{babel}}
\\usepackage[margin=2cm]{{geometry}}
\\usepackage{{multicol}}
\\pagestyle{{empty}}
\\begin{{document}}
\\begin{{center}}\\LARGE\\bfseries {title}\\end{{center}}

{intro}

\\begin{{center}}
\\textit{{{cap1}}}\\par\\medskip
{t1}
\\end{{center}}

{after}

\\newpage
\\begin{{multicols}}{{2}}
{lead}

\\begin{{center}}
\\textit{{{cap2}}}\\par\\medskip
{t2}
\\end{{center}}

{closing}
\\end{{multicols}}
\\end{{document}}
",
            title = esc(self.title),
            intro = esc(self.intro),
            cap1 = esc(self.caption1),
            t1 = table(
                self.trade.iter().map(|r| r.to_vec()).collect(),
                "p{2cm}rrp{9cm}"
            ),
            after = esc(self.after),
            lead = esc(self.lead),
            cap2 = esc(self.caption2),
            t2 = table(
                self.history.iter().map(|r| r.to_vec()).collect(),
                "lp{5.5cm}"
            ),
            closing = closing.join("\n\n"),
        )
    }
}

impl Article {
    /// The article as two-column pdfLaTeX pages with the trade table set across both
    /// columns (`table*`, floated to the top of the second page, a full page).
    fn tex_across(&self) -> String {
        let full = self.tex();
        let (head, _) = full.split_once("\\begin{document}").unwrap();
        let head = head.replace(
            "\\documentclass[10pt,a4paper]",
            "\\documentclass[10pt,twocolumn,a4paper]",
        );
        let esc = |s: &str| s.replace('&', "\\&").replace('%', "\\%");
        let start = full.find("\\begin{tabular}{p{2cm}").unwrap();
        let end = start + full[start..].find("\\end{tabular}").unwrap() + "\\end{tabular}".len();
        let mut text: Vec<String> = vec![self.intro.into(), self.after.into(), self.lead.into()];
        // Enough to fill the second page: the table heads a full two-column page.
        text.extend(numbered(&self.rest, 12));
        let body: Vec<String> = text.iter().map(|p| esc(p)).collect();
        let tex = format!(
            "{head}\\begin{{document}}\n{first}\n\n\\begin{{table*}}[t]\n\\centering\n{table}\n\\end{{table*}}\n\n{rest}\n\\end{{document}}\n",
            first = body[0],
            table = &full[start..end],
            rest = body[1..].join("\n\n"),
        );
        tex
    }
}

/// The paragraphs `bitext split` prints (sentences joined again), white space squeezed.
fn paragraphs(out: &str) -> Vec<String> {
    out.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Checks one PDF: every paragraph as expected, so each cell is one paragraph holding the
/// whole cell and nothing of another, in reading order, and the text around as typeset.
fn check(w: &Workdir, pdf: &str, article: &Article) {
    let (code, out, err) = run(w
        .bitext()
        .args(["split", "--lang", article.lang])
        .arg(w.path(pdf)));
    assert_eq!(code, 0, "{pdf}: {err}");
    let got = paragraphs(&out);
    let want = article.expected();
    let cells: Vec<&str> = article
        .trade
        .iter()
        .flatten()
        .chain(article.history.iter().flatten())
        .copied()
        .collect();
    for cell in &cells {
        assert!(
            got.iter().any(|p| p == cell),
            "{pdf}: no paragraph is the cell {cell:?}:\n{}",
            got.join("\n")
        );
    }
    // Each paragraph is a whole cell or a paragraph of the text: none holds words of two
    // cells, or of a cell and the text.
    for p in &got {
        assert!(
            want.contains(p),
            "{pdf}: {p:?} is neither a cell nor a paragraph of the text"
        );
    }
    assert_eq!(got, want, "{pdf}: paragraphs");
}

/// Checks the two-column PDF with a table across both columns: the cells, each one
/// paragraph, in row order one after the other. (The filler text repeats, so lines that
/// come back at the head of a column on several pages go as running heads: the text is
/// not compared.)
fn check_across(w: &Workdir, pdf: &str, article: &Article) {
    let (code, out, err) = run(w
        .bitext()
        .args(["split", "--lang", article.lang])
        .arg(w.path(pdf)));
    assert_eq!(code, 0, "{pdf}: {err}");
    let got = paragraphs(&out);
    let cells: Vec<String> = article
        .trade
        .iter()
        .flatten()
        .map(|c| c.to_string())
        .collect();
    let at = got
        .iter()
        .position(|p| *p == cells[0])
        .unwrap_or_else(|| panic!("{pdf}: no cell {:?}:\n{}", cells[0], got.join("\n")));
    assert_eq!(got[at..at + cells.len()], cells[..], "{pdf}: cells");
}

#[test]
#[ignore = "needs LibreOffice Writer, pdfLaTeX and poppler; run with make office-check"]
fn test_office_pdf_tables_read_cell_by_cell() {
    let w = Workdir::new();
    let mut fodts = Vec::new();
    for a in [&RU, &EN] {
        fodts.push(w.write(&format!("lo-{}.fodt", a.lang), a.fodt()));
        w.write(&format!("tex-{}.tex", a.lang), a.tex());
        let out = Command::new("pdflatex")
            .args(["-interaction=batchmode", "-halt-on-error"])
            .arg(format!("tex-{}.tex", a.lang))
            .current_dir(w.path(""))
            .output()
            .expect("pdflatex");
        assert!(out.status.success(), "pdflatex on tex-{}.tex", a.lang);
        let tex = a.tex_across();
        w.write(&format!("across-{}.tex", a.lang), tex);
        let out = Command::new("pdflatex")
            .args(["-interaction=batchmode", "-halt-on-error"])
            .arg(format!("across-{}.tex", a.lang))
            .current_dir(w.path(""))
            .output()
            .expect("pdflatex");
        assert!(out.status.success(), "pdflatex on across-{}.tex", a.lang);
    }
    let out = Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(w.path(""))
        .args(&fodts)
        .env("HOME", w.path("home"))
        .output()
        .expect("soffice");
    assert!(out.status.success(), "soffice --convert-to pdf");
    for a in [&RU, &EN] {
        check(&w, &format!("lo-{}.pdf", a.lang), a);
        check(&w, &format!("tex-{}.pdf", a.lang), a);
        check_across(&w, &format!("across-{}.pdf", a.lang), a);
    }
}
