//! A stable 64-bit hash for keys that must not depend on the run (FNV-1a): output order and
//! pairing results stay the same from run to run and machine to machine.

/// FNV-1a of a byte sequence.
///
/// ```
/// assert_eq!(bitext::hash::fnv1a("a".bytes()), 0xaf63dc4c8601ec8c);
/// ```
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}
