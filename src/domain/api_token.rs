//! API tokens: a program (the PIM, the web shop, a script) acting for the user who made the token,
//! within the scopes chosen for it and never beyond what that user's role allows at the moment of
//! each request.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime};

use super::{AppError, Permission, UserId, coded::coded, day_code};

/// What a token may be used for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Scope {
    AssetsRead,
    AssetsWrite,
    CatalogRead,
    CatalogWrite,
    WebhooksManage,
}

coded!(Scope, |code| -> AppError { AppError::Validation(format!("There is no scope \"{code}\".")) }, {
    AssetsRead => "assets:read", "Read assets";
    AssetsWrite => "assets:write", "Change assets";
    CatalogRead => "catalog:read", "Read products and catalogs";
    CatalogWrite => "catalog:write", "Change products and catalogs";
    WebhooksManage => "webhooks:manage", "Manage webhooks";
});

impl Scope {
    /// What the owner's role must grant, at each request, for the token to act in this scope.
    pub fn permission(self) -> Permission {
        match self {
            Scope::AssetsRead | Scope::CatalogRead => Permission::View,
            Scope::AssetsWrite => Permission::Manage,
            Scope::CatalogWrite => Permission::ManageCatalog,
            Scope::WebhooksManage => Permission::ManageIntegrations,
        }
    }
}

/// A token's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ApiTokenId(pub i64);

/// A token as its owner (and a System admin) sees it: never its secret, which is shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: ApiTokenId,
    pub owner: UserId,
    pub owner_name: String,
    pub name: String,
    pub scopes: Vec<Scope>,
    /// The secret's first characters, by which its owner tells it apart from their others.
    pub shown: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_used_at: Option<OffsetDateTime>,
}

impl ApiToken {
    /// At most this many characters name a token.
    pub const MAX_NAME_CHARS: usize = 100;
    /// How long a new token may last, in days, as the form offers it; a year unless chosen.
    pub const LIFETIMES: [(u16, &'static str); 4] = [
        (30, "In 30 days"),
        (90, "In 90 days"),
        (365, "In a year"),
        (730, "In two years"),
    ];
    pub const DEFAULT_LIFETIME_DAYS: u16 = 365;
    /// The lifetime of a token that never expires, as the form sends it.
    pub const NEVER_EXPIRES: &'static str = "never";

    pub fn has_expired(&self, now: OffsetDateTime) -> bool {
        self.expires_at.is_some_and(|expiry| expiry <= now)
    }

    /// The last day it works (`2027-12-31`), when it expires.
    pub fn last_day(&self) -> Option<String> {
        self.expires_at.map(last_day)
    }
}

/// A token just made, with its secret: the only time anyone sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedApiToken {
    pub token: ApiToken,
    pub secret: String,
}

/// What a user asks for when making a token, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewApiToken {
    pub name: String,
    pub scopes: Vec<Scope>,
    /// `None`: the token never expires.
    pub expires_at: Option<OffsetDateTime>,
}

impl NewApiToken {
    /// `lasts_days` is how many days from `today` the token works, to the end of that day (one of
    /// `ApiToken::LIFETIMES`), or `never`.
    ///
    /// # Errors
    /// `Validation` saying what is wrong: no name, no scope, an unknown scope or lifetime.
    pub fn parse(name: &str, scopes: &[String], lasts_days: &str, today: Date) -> Result<Self, AppError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(AppError::Validation(
                "Give the token a name, such as the program that uses it.".into(),
            ));
        }
        if name.chars().count() > ApiToken::MAX_NAME_CHARS {
            return Err(AppError::Validation(format!(
                "A token's name has at most {} characters.",
                ApiToken::MAX_NAME_CHARS
            )));
        }
        let mut scopes = scopes
            .iter()
            .map(|code| code.parse::<Scope>())
            .collect::<Result<Vec<_>, _>>()?;
        scopes.sort_unstable();
        scopes.dedup();
        if scopes.is_empty() {
            return Err(AppError::Validation("Choose at least one scope.".into()));
        }
        Ok(NewApiToken {
            name: name.to_owned(),
            scopes,
            expires_at: expiry(lasts_days.trim(), today)?,
        })
    }
}

/// The end of the last day a token works, in UTC; `None` for `never`.
fn expiry(lasts_days: &str, today: Date) -> Result<Option<OffsetDateTime>, AppError> {
    if lasts_days == ApiToken::NEVER_EXPIRES {
        return Ok(None);
    }
    let days = lasts_days
        .parse::<u16>()
        .ok()
        .filter(|days| ApiToken::LIFETIMES.iter().any(|(offered, _)| offered == days))
        .ok_or_else(|| {
            AppError::Validation(format!(
                "A token lasts 30, 90, 365 or 730 days, or never; not \"{lasts_days}\"."
            ))
        })?;
    let last_day = today.saturating_add(Duration::days(i64::from(days)));
    Ok(Some(last_day.next_day().unwrap_or(last_day).midnight().assume_utc()))
}

/// The last day a token that expires at `expires_at` (the end of that day) works.
fn last_day(expires_at: OffsetDateTime) -> String {
    day_code((expires_at - Duration::seconds(1)).date())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::parse_day;

    fn parse(name: &str, scopes: &[&str], lasts_days: &str) -> Result<NewApiToken, AppError> {
        let scopes: Vec<String> = scopes.iter().map(|s| (*s).to_owned()).collect();
        NewApiToken::parse(name, &scopes, lasts_days, parse_day("2026-12-07").unwrap())
    }

    #[test]
    fn a_token_is_named_scoped_and_works_to_the_end_of_its_last_day() {
        let token = parse(" shop sync ", &["catalog:read", "assets:read", "assets:read"], "30").unwrap();
        assert_eq!(token.name, "shop sync");
        assert_eq!(token.scopes, [Scope::AssetsRead, Scope::CatalogRead]);
        let expiry = token.expires_at.unwrap();
        assert_eq!(expiry, parse_day("2027-01-07").unwrap().midnight().assume_utc());
        assert_eq!(last_day(expiry), "2027-01-06");
        assert_eq!(parse("script", &["assets:write"], "never").unwrap().expires_at, None);
    }

    #[test]
    fn what_is_wrong_with_a_token_asked_for_is_said() {
        let refusal = |name: &str, scopes: &[&str], on: &str| match parse(name, scopes, on) {
            Err(AppError::Validation(message)) => message,
            other => panic!("{other:?}"),
        };
        assert!(refusal(" ", &["assets:read"], "").contains("name"));
        let long = "x".repeat(101);
        assert!(refusal(&long, &["assets:read"], "30").contains("at most 100"));
        assert!(refusal("pim", &[], "").contains("at least one scope"));
        assert!(refusal("pim", &["assets:delete"], "").contains("assets:delete"));
        assert!(refusal("pim", &["assets:read"], "31").contains("30, 90, 365 or 730"));
        assert!(refusal("pim", &["assets:read"], "").contains("30, 90, 365 or 730"));
    }

    #[test]
    fn a_scope_asks_the_owners_role_for_its_permission() {
        assert_eq!(Scope::AssetsRead.permission(), Permission::View);
        assert_eq!(Scope::AssetsWrite.permission(), Permission::Manage);
        assert_eq!(Scope::CatalogWrite.permission(), Permission::ManageCatalog);
        assert_eq!(Scope::WebhooksManage.permission(), Permission::ManageIntegrations);
        assert_eq!(
            Scope::ALL.map(Scope::code).join(" "),
            "assets:read assets:write catalog:read catalog:write webhooks:manage"
        );
    }
}
