//! Lines a page sets around its article, told by their words: picture credits, widget labels,
//! copyright notices and the time an article was published or updated.

/// Words that open a picture's credit line, and that open the credit in parentheses closing a
/// caption, in lower case.
const CREDIT_LEADS: &[&str] = &[
    "photo:",
    "photos:",
    "photo by",
    "image:",
    "images:",
    "picture:",
    "pictures:",
    "credit:",
    "credits:",
    "photograph:",
    "фото:",
    "фото -",
    "фото —",
    "источник фото",
];

/// Words that open a picture's credit of a few words with no colon, in lower case ("личный
/// архив Андрея Рудькова"): a longer line that opens so is a sentence.
const SHORT_CREDIT_LEADS: &[&str] = &[
    "личный архив",
    "из личного архива",
    "фото из личного архива",
    "courtesy of",
];

/// Whether a line is a picture's credit, or a caption ending with its credit in parentheses.
pub(super) fn is_credit_line(line: &str) -> bool {
    let t = line.trim().to_lowercase();
    let short = t.chars().count() <= 160;
    let lead = |s: &str| CREDIT_LEADS.iter().any(|p| s.starts_with(p));
    if short && (lead(&t) || t.starts_with("(ap photo")) {
        return true;
    }
    if t.split_whitespace().count() <= 6 && SHORT_CREDIT_LEADS.iter().any(|p| t.starts_with(p)) {
        return true;
    }
    // "… (Image: GETTY)", "… (Photo: Reuters)".
    t.ends_with(')')
        && t.rfind('(').is_some_and(|k| {
            let inner = t[k + 1..].trim_start();
            lead(inner) || inner.starts_with("ap photo")
        })
}

/// Phrases that label the widgets a page puts around an article (advertising, related stories,
/// sharing, comments, newsletters), in lower case: a line of a few words that is one or
/// opens with one is no article text.
const WIDGET_PHRASES: &[&str] = &[
    "advert",
    "advertisement",
    "sponsored",
    "you may also like",
    "you might also like",
    "related articles",
    "related stories",
    "related posts",
    "more stories",
    "recommended for you",
    "read more",
    "read next",
    "sharing is caring",
    "share this",
    "share on",
    "comments",
    "leave a comment",
    "leave a reply",
    "subscribe",
    "newsletter",
    "sign up",
    "follow us",
    "loading",
    "click here",
    "реклама",
    "читайте также",
    "смотрите также",
    "похожие материалы",
    "комментарии",
    "подписаться",
    "подпишитесь",
    "поделиться",
    "загрузка",
];

/// Social networks a site asks its readers to follow it on, in lower case.
const NETWORKS: &[&str] = &[
    "twitter",
    "facebook",
    "instagram",
    "youtube",
    "telegram",
    "linkedin",
    "tiktok",
    "вконтакте",
    "телеграм",
    "дзен",
];

/// How a line that credits a news agency's reporters opens or what it says, in lower case.
const WIRE_CREDIT_LEADS: &[&str] = &[
    "(reporting by",
    "(additional reporting",
    "(editing by",
    "(writing by",
    "(compiled by",
];

/// Whether a line is a news agency's credit of its reporters ("Reporting by A; additional
/// reporting by B; Editing by C", "(Reporting by A)", "B contributed reporting from Hong
/// Kong."), an invitation to follow the site on a social network ("Follow us on Twitter
/// @site") or to subscribe to it ("Subscribe to WIRED and stay smart…").
fn is_reader_notice(t: &str) -> bool {
    let words = t.split_whitespace().count();
    if WIRE_CREDIT_LEADS.iter().any(|p| t.starts_with(p)) {
        return true;
    }
    let by = |s: &str| {
        ["reporting by ", "additional reporting by ", "editing by "]
            .iter()
            .any(|p| s.trim_start().starts_with(p))
    };
    if by(t) && t.split(';').count() >= 2 && t.split(';').all(by) {
        return true;
    }
    if words <= 20
        && (t.contains("contributed reporting") || t.contains("contributed to this report"))
    {
        return true;
    }
    let social = NETWORKS.iter().any(|n| t.contains(n)) || t.contains(" @");
    let follow = [
        "follow ",
        "подписывайтесь ",
        "подпишитесь ",
        "join us on ",
        "like us on ",
    ]
    .iter()
    .any(|p| t.starts_with(p));
    if words <= 20 && follow && social {
        return true;
    }
    // "Sign up for a Hulu account" is a step an article may give; "Sign up to our
    // newsletter" is the site's own.
    let own = t.contains(" our ") || t.contains("newsletter") || t.contains("рассылк");
    let signup = ["sign up ", "подпишитесь на ", "подписывайтесь на "];
    words <= 15
        && (t.starts_with("subscribe to ") || own && signup.iter().any(|p| t.starts_with(p)))
}

/// Whether a line is a site's notice or a widget's label: a copyright line, a publication
/// stamp ([`is_stamp_line`]), a notice that the page needs JavaScript, a credit of the
/// agency's reporters, an invitation to follow or subscribe to the site (see
/// [`is_reader_notice`]), or a line of at most four words that is
/// one of [`WIDGET_PHRASES`] or opens with one ("Subscribe to our newsletter", "Loading content…").
/// A sentence that merely uses such a word ("Loading of the tanker began in May", "Russia did
/// not sign up") is longer or opens otherwise, and stays.
pub(super) fn is_widget_line(line: &str) -> bool {
    let t = line.trim().to_lowercase();
    let copyright = t.starts_with('©')
        || t.starts_with("copyright")
        || t.contains("all rights reserved")
        || t.contains("все права защищены");
    if copyright && t.chars().count() <= 160 || is_reader_notice(&t) || is_stamp_line(line) {
        return true;
    }
    let words = t.split_whitespace().count();
    if words <= 8 && t.contains("requires javascript") {
        return true;
    }
    let label = t.trim_end_matches(|c: char| c.is_whitespace() || ".…:!".contains(c));
    words <= 4
        && WIDGET_PHRASES
            .iter()
            .any(|p| label == *p || label.strip_prefix(p).is_some_and(|r| r.starts_with(' ')))
}

/// Words of a publication stamp that name no date, in lower case: what happened and the
/// small words between the parts.
const STAMP_WORDS: &[&str] = &[
    "updated",
    "update",
    "posted",
    "published",
    "original",
    "modified",
    "last",
    "at",
    "on",
    "am",
    "pm",
    "a.m",
    "p.m",
    "de",
    "às",
    "à",
    "le",
    "el",
    "um",
    "в",
    "г",
    "года",
    "опубликовано",
    "обновлено",
    "изменено",
    "публикация",
    "обновление",
    "publicado",
    "atualizado",
    "actualizado",
    "publié",
    "veröffentlicht",
    "aktualisiert",
    "pubblicato",
];

/// Months and weekdays, in full and abbreviated, in lower case: English (besides
/// [`crate::lang::ENGLISH_MONTHS`]), Russian and the commonest Western European forms.
const CALENDAR_WORDS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
    "янв",
    "фев",
    "мар",
    "апр",
    "июн",
    "июл",
    "авг",
    "сен",
    "окт",
    "ноя",
    "дек",
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
    "воскресенье",
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
    "enero",
    "febrero",
    "marzo",
    "mayo",
    "junio",
    "julio",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "ago",
    "set",
    "out",
    "dez",
    "segunda",
    "terça",
    "quarta",
    "quinta",
    "sexta",
    "sábado",
    "domingo",
    "feira",
];

/// Whether a line is a publication stamp: a clock time with a date ("Published 11:34 PM EST
/// Nov 19, 2019", "19.11.2019, 08:57", "Updated Nov 19, 6:55 AM; Posted Nov 19, 6:51 AM"),
/// at most three words besides (a source, a byline). A date alone ("14.11.2013 г.") is text
/// that gets aligned, and stays.
fn is_stamp_line(line: &str) -> bool {
    if line.chars().count() > 120 {
        return false;
    }
    // "It began at 10:30 on 14 May." is a sentence; "… 9:45 a.m." is not.
    let sentence = line.trim_end().ends_with(['.', '!', '?'])
        && !line.split_whitespace().last().is_some_and(|w| {
            STAMP_WORDS.contains(&w.trim_end_matches('.').to_lowercase().as_str())
        });
    if sentence {
        return false;
    }
    let (mut clock, mut date, mut other) = (false, false, 0);
    for token in line.split(|c: char| c.is_whitespace() || ",;|/()–—-".contains(c)) {
        let t = token.trim_matches(|c: char| c == '.' || c == ':');
        let lower = t.to_lowercase();
        let digits = t.chars().filter(char::is_ascii_digit).count();
        let numeric = t
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.');
        let ordinal = ["st", "nd", "rd", "th"].iter().any(|s| {
            lower
                .strip_suffix(s)
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        });
        // A time zone: "EST", "GMT", "ET".
        let zone = (2..=4).contains(&t.len()) && t.chars().all(|c| c.is_ascii_uppercase());
        if t.is_empty() || zone || STAMP_WORDS.contains(&lower.as_str()) {
            continue;
        }
        if digits > 0 && numeric {
            match t.split_once(':') {
                Some((h, m)) if h.len() <= 2 && m.len() == 2 => clock = true,
                Some(_) => other += 1,
                // A day, a year, a date written with dots.
                None => date = true,
            }
        } else if ordinal
            || CALENDAR_WORDS.contains(&lower.as_str())
            || crate::lang::ENGLISH_MONTHS.contains(&lower.as_str())
        {
            date = true;
        } else {
            other += 1;
        }
    }
    clock && date && other <= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_follow_and_subscribe_lines_are_notices() {
        assert!(is_credit_line("личный архив Андрея Рудькова"));
        assert!(!is_credit_line(
            "Личный архив писателя хранится в музее города уже сорок лет."
        ));
        for line in [
            "Reporting by Rodrigo Campos; additional reporting by Stephanie Kelly; Editing by Lisa Shumaker",
            "(Reporting by Greg Roumeliotis, with reporting by Herb Lash)",
            "Keith Bradsher contributed reporting from Hong Kong.",
            "Follow us on Twitter @Spacedotcom or Facebook.",
            "Подписывайтесь на наш канал в Telegram",
            "Subscribe to WIRED and stay smart with more of your favorite Ideas writers.",
        ] {
            assert!(is_widget_line(line), "{line}");
        }
        for line in [
            "Reporting by the BBC showed that the ministry knew of the leak; it said nothing.",
            "Follow the money, the prosecutor told the court.",
            "Sign up for a Hulu ad-free account for $11.99 a month",
            "Subscribers to the service in Russia grew by a fifth in 2013, the company said, and it plans to reach every region of the Far East by 2015.",
        ] {
            assert!(!is_widget_line(line), "{line}");
        }
    }

    #[test]
    fn a_clock_time_with_a_date_is_a_stamp() {
        for line in [
            "Published 11:34 PM EST Nov 19, 2019",
            "Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM",
            "19.11.2019, 08:57",
            "November 20, 2019 / 1:07 AM / CBS News",
            "Опубликовано 19 ноября 2019 г., 08:57",
            "sexta-feira, 22 de outubro de 2010 às 20:13",
            "By Jane Doe on Monday, November 18th, 2019 at 11:08 a.m.",
        ] {
            assert!(is_stamp_line(line), "{line}");
        }
    }

    #[test]
    fn dates_alone_and_sentences_with_times_are_text() {
        for line in [
            "14.11.2013 г.",
            "November 14th, 2013",
            "The talks began at 10:30 on 14 November and ended at night.",
            "Listen to Newsbeat live at 12:45 and 17:45 weekdays - or listen back here.",
            "Встреча началась в 10:30 и продолжалась до вечера.",
            "10:30",
            "It began at 10:30 on 14 May.",
        ] {
            assert!(!is_stamp_line(line), "{line}");
        }
    }
}
