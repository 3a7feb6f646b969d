//! Score grades: what a link's score tells a reviewer, and the colours every view (report,
//! workbook, summary) shows them in. The thresholds live here and nowhere else.

/// Score at or above which a link is shown green: very likely right.
pub const GOOD: f32 = 0.8;
/// Score at or above which a link is shown amber; below it, red and worth a look. Summaries
/// count links below it as low-scoring.
pub const FAIR: f32 = 0.5;

/// The band of a link's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grade {
    /// At or above [`GOOD`].
    Good,
    /// At or above [`FAIR`], below [`GOOD`].
    Fair,
    /// Below [`FAIR`].
    Poor,
    /// An unaligned sentence: no score to judge.
    Unaligned,
}

impl Grade {
    /// The band of `score`; `pair` is false for an unaligned sentence.
    ///
    /// ```
    /// use bitext::grade::Grade;
    /// assert_eq!(Grade::of(0.93, true), Grade::Good);
    /// assert_eq!(Grade::of(0.6, true), Grade::Fair);
    /// assert_eq!(Grade::of(0.2, true), Grade::Poor);
    /// assert_eq!(Grade::of(0.0, false), Grade::Unaligned);
    /// ```
    pub fn of(score: f32, pair: bool) -> Grade {
        if !pair {
            Grade::Unaligned
        } else if score >= GOOD {
            Grade::Good
        } else if score >= FAIR {
            Grade::Fair
        } else {
            Grade::Poor
        }
    }

    /// The band's name, used as a CSS class: `good`, `fair`, `poor` or `none`.
    pub fn name(self) -> &'static str {
        match self {
            Grade::Good => "good",
            Grade::Fair => "fair",
            Grade::Poor => "poor",
            Grade::Unaligned => "none",
        }
    }

    /// The band's colour as 0xRRGGBB: green, amber, red, grey.
    pub fn rgb(self) -> u32 {
        match self {
            Grade::Good => 0x2E7D32,
            Grade::Fair => 0xC77700,
            Grade::Poor => 0xC62828,
            Grade::Unaligned => 0x9E9E9E,
        }
    }

    /// The band's colour as a CSS value (`#2e7d32`).
    pub fn css(self) -> String {
        format!("#{:06x}", self.rgb())
    }

    /// Every band, best first.
    pub const ALL: [Grade; 4] = [Grade::Good, Grade::Fair, Grade::Poor, Grade::Unaligned];
}
