//! Two of a kind, one for each side of a pair: what the source and the target have.

/// A source and a target thing of the same kind (two files, two languages, two sentence
/// lists), passed as one argument instead of two.
///
/// ```
/// use bitext::sides::Sides;
/// let langs = Sides::new("ru", "en");
/// assert_eq!(langs.map(str::len), Sides::new(2, 2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sides<T> {
    /// The source side's.
    pub src: T,
    /// The target side's.
    pub tgt: T,
}

impl<T> Sides<T> {
    /// The source's and the target's.
    pub fn new(src: T, tgt: T) -> Sides<T> {
        Sides { src, tgt }
    }

    /// Borrows both.
    pub fn as_ref(&self) -> Sides<&T> {
        Sides::new(&self.src, &self.tgt)
    }

    /// Applies `f` to both, source first.
    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Sides<U> {
        let src = f(self.src);
        Sides::new(src, f(self.tgt))
    }
}
