//! Managing users: the first System admin, and what a System admin does on the Users page.

use sea_orm::ConnectionTrait;

use super::{
    auth::hash_password,
    config::Config,
    db::{
        sessions,
        users::{self, NewUserRecord, UserChange},
    },
    errors::{internal, taken_or_failed},
};
use crate::domain::{AppError, NewUser, Password, Role, User, UserId, UserName};

/// Creates the first System admin when there are no users, and logs its password once.
///
/// # Errors
/// Database failures, or an invalid `DAMSON_ADMIN_USER` / `DAMSON_ADMIN_PASSWORD`.
pub async fn ensure_first_admin(db: &impl ConnectionTrait, config: &Config) -> Result<(), AppError> {
    if users::count(db).await? > 0 {
        return Ok(());
    }
    let user_name = UserName::parse(&config.admin_user)?;
    let (password, generated) = match &config.admin_password {
        Some(given) => (Password::parse(given)?, false),
        None => (Password::parse(&generate_password())?, true),
    };
    let shown = if generated {
        password.expose().to_owned()
    } else {
        "(from DAMSON_ADMIN_PASSWORD)".into()
    };
    let created = create_user(
        db,
        NewUser {
            user_name: user_name.clone(),
            role: Role::SystemAdmin,
            password,
        },
    )
    .await;
    // Another instance starting at the same moment created the first admin: that is as good.
    if let Err(AppError::Conflict(_)) = created {
        return Ok(());
    }
    created?;
    tracing::warn!("No users yet: created System admin \"{user_name}\" with password {shown}. It is shown only once.");
    Ok(())
}

/// Every user, by name.
///
/// # Errors
/// Database failures.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<User>, AppError> {
    Ok(users::list(db).await?)
}

/// # Errors
/// `Conflict` when the name is taken; database failures.
pub async fn create_user(db: &impl ConnectionTrait, new_user: NewUser) -> Result<User, AppError> {
    let password_hash = hash_password(new_user.password).await?;
    let taken = || AppError::Conflict(format!("A user named \"{}\" exists already.", new_user.user_name));
    let record = NewUserRecord {
        user_name: new_user.user_name.clone(),
        role: new_user.role,
        password_hash,
    };
    let id = users::insert(db, record)
        .await
        .map_err(|error| taken_or_failed(error, taken))?;
    users::find(db, id)
        .await?
        .ok_or_else(|| internal("database", format!("user {} gone as it was added", id.0)))
}

/// Changes a role and ends the user's sessions, so the new role starts with a new sign-in; an
/// admin cannot take away their own, so someone can always manage users.
///
/// # Errors
/// `Conflict` for one's own role, `NotFound`, database failures.
pub async fn set_role(db: &impl ConnectionTrait, actor: &User, id: UserId, role: Role) -> Result<User, AppError> {
    if actor.id == id && role != actor.role {
        return Err(AppError::Conflict(
            "You cannot change your own role; ask another System admin.".into(),
        ));
    }
    let user = users::update(db, id, UserChange::Role(role))
        .await?
        .ok_or(AppError::NotFound)?;
    sessions::end_all_of(db, id, None).await?;
    Ok(user)
}

/// Sets a new password and ends every session of the user but `keep` (the admin's own, when they
/// reset their own password): whoever knew the old one is signed out.
///
/// # Errors
/// `NotFound`, database failures.
pub async fn reset_password(
    db: &impl ConnectionTrait,
    id: UserId,
    password: Password,
    keep: Option<&str>,
) -> Result<User, AppError> {
    let hash = hash_password(password).await?;
    let user = users::update(db, id, UserChange::PasswordHash(hash))
        .await?
        .ok_or(AppError::NotFound)?;
    sessions::end_all_of(db, id, keep).await?;
    Ok(user)
}

/// Deactivates (or reactivates) a user; a deactivated user's sessions end at once, so
/// reactivating them later brings no old sign-in back.
///
/// # Errors
/// `Conflict` for oneself, `NotFound`, database failures.
pub async fn set_active(db: &impl ConnectionTrait, actor: &User, id: UserId, active: bool) -> Result<User, AppError> {
    if actor.id == id && !active {
        return Err(AppError::Conflict("You cannot deactivate your own account.".into()));
    }
    let user = users::update(db, id, UserChange::Active(active))
        .await?
        .ok_or(AppError::NotFound)?;
    if !active {
        sessions::end_all_of(db, id, None).await?;
    }
    Ok(user)
}

/// 20 characters from an alphabet without look-alikes, from the OS's random source.
fn generate_password() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    (0..20)
        .map(|_| ALPHABET[(OsRng.next_u32() as usize) % ALPHABET.len()] as char)
        .collect()
}
