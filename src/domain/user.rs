use serde::{Deserialize, Serialize};
use std::fmt;

use super::{AppError, Role};

/// A user's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UserId(pub i64);

/// A person who signs in to damson. Never carries the password hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    pub user_name: UserName,
    pub role: Role,
    pub active: bool,
}

/// What a System admin enters to create a user.
#[derive(Clone, Debug)]
pub struct NewUser {
    pub user_name: UserName,
    pub role: Role,
    pub password: Password,
}

/// A user name, kept lowercased: 2 to 64 letters, digits, `.`, `_`, `-` or `@`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UserName(String);

impl UserName {
    pub const MAX_CHARS: usize = 64;

    /// # Errors
    /// `Validation` naming what is wrong with the name.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let name = raw.trim().to_lowercase();
        let chars = name.chars().count();
        if !(2..=Self::MAX_CHARS).contains(&chars) {
            return Err(AppError::Validation(format!(
                "A user name has 2 to {} characters; \"{name}\" has {chars}.",
                Self::MAX_CHARS
            )));
        }
        if let Some(bad) = name
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@')))
        {
            return Err(AppError::Validation(format!(
                "A user name may use letters, digits, '.', '_', '-' and '@', not {bad:?}."
            )));
        }
        Ok(UserName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UserName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A new password: 10 to 256 characters. Its `Debug` never shows it.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 256;

    /// # Errors
    /// `Validation` when the password is too short or too long.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let chars = raw.chars().count();
        if !(Self::MIN_CHARS..=Self::MAX_CHARS).contains(&chars) {
            return Err(AppError::Validation(format!(
                "A password has {} to {} characters; this one has {chars}.",
                Self::MIN_CHARS,
                Self::MAX_CHARS
            )));
        }
        Ok(Password(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names_are_trimmed_and_checked() {
        assert_eq!(UserName::parse("  anna.b@shop ").unwrap().as_str(), "anna.b@shop");
        assert!(UserName::parse("a").is_err());
        assert!(UserName::parse(&"x".repeat(65)).is_err());
        let error = UserName::parse("anna smith").unwrap_err();
        assert!(error.to_string().contains("' '"), "{error}");
    }

    #[test]
    fn passwords_have_bounds_and_stay_secret_in_logs() {
        assert!(Password::parse("short").is_err());
        let password = Password::parse("long enough secret").unwrap();
        assert!(!format!("{password:?}").contains("secret"));
    }
}
