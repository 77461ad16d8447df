use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

/// What a signed-in user may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// See assets, their versions and links.
    View,
    /// Upload, edit, clone and delete assets.
    Manage,
    /// Create users, change their roles and passwords, deactivate them.
    ManageUsers,
    /// Create and edit products, catalogs and categories, as a PIM does.
    ManageCatalog,
    /// Keep damson's settings: the locales in use.
    ManageSettings,
}

/// A user's one role, as a PIM knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    SystemAdmin,
    PimAdmin,
    PimWrite,
    DamWrite,
    DamRead,
}

impl Role {
    /// Every role, most powerful first (the order of the role picker).
    pub const ALL: [Role; 5] = [
        Role::SystemAdmin,
        Role::PimAdmin,
        Role::PimWrite,
        Role::DamWrite,
        Role::DamRead,
    ];

    /// Whether this role grants `permission`.
    pub fn can(self, permission: Permission) -> bool {
        match permission {
            Permission::View => true,
            Permission::Manage => self != Role::DamRead,
            Permission::ManageUsers => self == Role::SystemAdmin,
            Permission::ManageCatalog => matches!(self, Role::SystemAdmin | Role::PimAdmin | Role::PimWrite),
            Permission::ManageSettings => matches!(self, Role::SystemAdmin | Role::PimAdmin),
        }
    }

    /// The stable name stored in the database and sent in forms.
    pub fn code(self) -> &'static str {
        match self {
            Role::SystemAdmin => "system_admin",
            Role::PimAdmin => "pim_admin",
            Role::PimWrite => "pim_write",
            Role::DamWrite => "dam_write",
            Role::DamRead => "dam_read",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::SystemAdmin => "System admin",
            Role::PimAdmin => "PIM admin",
            Role::PimWrite => "PIM write",
            Role::DamWrite => "DAM write",
            Role::DamRead => "DAM read",
        })
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.code() == code)
            .ok_or_else(|| format!("unknown role \"{code}\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dam_read_cannot_manage_and_only_system_admin_manages_users() {
        let managers: Vec<Role> = Role::ALL.into_iter().filter(|r| r.can(Permission::Manage)).collect();
        assert_eq!(
            managers,
            [Role::SystemAdmin, Role::PimAdmin, Role::PimWrite, Role::DamWrite]
        );
        let admins: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.can(Permission::ManageUsers))
            .collect();
        assert_eq!(admins, [Role::SystemAdmin]);
        assert!(Role::ALL.into_iter().all(|r| r.can(Permission::View)));
        let catalog: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.can(Permission::ManageCatalog))
            .collect();
        assert_eq!(catalog, [Role::SystemAdmin, Role::PimAdmin, Role::PimWrite]);
        let settings: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.can(Permission::ManageSettings))
            .collect();
        assert_eq!(settings, [Role::SystemAdmin, Role::PimAdmin]);
    }

    #[test]
    fn codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.code().parse::<Role>(), Ok(role));
        }
        assert!("root".parse::<Role>().is_err());
    }
}
