//! A token's secret: `dam_`, 30 random base62 characters (178 bits), and a 6-character checksum
//! of them. The prefix lets secret scanners recognise a leaked token; the checksum refuses a
//! mistyped one before any database look-up. Only its SHA-256 is kept.

use sha2::{Digest, Sha256};

use crate::domain::AppError;

const PREFIX: &str = "dam_";
const RANDOM_CHARS: usize = 30;
const CHECKSUM_CHARS: usize = 6;
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/// How much of the secret its owner sees after it was made.
const SHOWN_CHARS: usize = PREFIX.len() + 8;

#[derive(Clone, PartialEq, Eq)]
pub struct TokenSecret(String);

impl TokenSecret {
    /// A new secret from the operating system's randomness.
    ///
    /// # Errors
    /// The operating system gave no random numbers.
    pub fn generate() -> Result<Self, getrandom::Error> {
        let mut random = String::with_capacity(RANDOM_CHARS);
        // Bytes past the last whole multiple of 62 are skipped, so every character is as likely.
        let mut bytes = [0u8; 64];
        while random.len() < RANDOM_CHARS {
            getrandom::fill(&mut bytes)?;
            random.extend(
                bytes
                    .iter()
                    .filter(|byte| **byte < 248)
                    .map(|byte| char::from(BASE62[usize::from(byte % 62)]))
                    .take(RANDOM_CHARS - random.len()),
            );
        }
        let checksum = checksum(&random);
        Ok(TokenSecret(format!("{PREFIX}{random}{checksum}")))
    }

    /// The secret a request's `Authorization` header carries.
    ///
    /// # Errors
    /// `InvalidToken` saying what is wrong, without looking anything up.
    pub fn from_header(header: Option<&str>) -> Result<Self, AppError> {
        let header =
            header.ok_or_else(|| AppError::InvalidToken("Send an API token: Authorization: Bearer dam_…".into()))?;
        let secret = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))
            .ok_or_else(|| AppError::InvalidToken("The Authorization header is not \"Bearer dam_…\".".into()))?;
        Self::parse(secret.trim())
    }

    /// # Errors
    /// `InvalidToken` for anything but a well-formed secret whose checksum matches.
    pub fn parse(text: &str) -> Result<Self, AppError> {
        let mistyped =
            || AppError::InvalidToken("This is not an API token of damson's: check that it was copied whole.".into());
        let body = text.strip_prefix(PREFIX).ok_or_else(mistyped)?;
        if body.len() != RANDOM_CHARS + CHECKSUM_CHARS || !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(mistyped());
        }
        let (random, sum) = body.split_at(RANDOM_CHARS);
        if checksum(random) != sum {
            return Err(mistyped());
        }
        Ok(TokenSecret(text.to_owned()))
    }

    /// What is kept of it: its SHA-256, in hex.
    pub fn digest(&self) -> String {
        crate::server::random::hex(&Sha256::digest(self.0.as_bytes()))
    }

    /// Its first characters, by which its owner recognises it.
    pub fn shown(&self) -> String {
        self.0[..SHOWN_CHARS].to_owned()
    }

    /// The whole secret, to show once to the one who made it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for TokenSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TokenSecret({}…)", self.shown())
    }
}

/// CRC-32 of the random part, in 6 base62 digits.
fn checksum(random: &str) -> String {
    let mut value = crc32fast::hash(random.as_bytes());
    let mut digits = [b'0'; CHECKSUM_CHARS];
    for digit in digits.iter_mut().rev() {
        *digit = BASE62[(value % 62) as usize];
        value /= 62;
    }
    String::from_utf8_lossy(&digits).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_secret_reads_back_and_shows_only_its_start() {
        let secret = TokenSecret::generate().unwrap();
        let text = secret.expose();
        assert_eq!(text.len(), 40);
        assert!(text.starts_with("dam_"));
        assert_eq!(TokenSecret::parse(text).unwrap(), secret);
        assert_eq!(secret.shown(), text[..12]);
        assert_eq!(secret.digest().len(), 64);
        assert!(!format!("{secret:?}").contains(&text[12..]));
        assert_ne!(TokenSecret::generate().unwrap(), secret);
        let header = format!("Bearer {text}");
        assert_eq!(TokenSecret::from_header(Some(&header)).unwrap(), secret);
    }

    #[test]
    fn a_mistyped_secret_is_refused_by_its_checksum() {
        let secret = TokenSecret::generate().unwrap();
        let text = secret.expose();
        // One character changed, anywhere.
        for at in 4..text.len() {
            let mut typo = text.as_bytes().to_vec();
            typo[at] = if typo[at] == b'x' { b'y' } else { b'x' };
            let typo = String::from_utf8(typo).unwrap();
            assert!(
                matches!(TokenSecret::parse(&typo), Err(AppError::InvalidToken(_))),
                "{typo}"
            );
        }
        for wrong in [
            "",
            "dam_",
            &text[..39],
            &format!("{text}0"),
            &text.replace("dam_", "pat_"),
        ] {
            assert!(TokenSecret::parse(wrong).is_err(), "{wrong}");
        }
        assert!(TokenSecret::from_header(None).is_err());
        assert!(TokenSecret::from_header(Some(&format!("Basic {text}"))).is_err());
    }
}
