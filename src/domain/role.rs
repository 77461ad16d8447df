use serde::{Deserialize, Serialize};

use super::coded::coded;

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
    /// Tell other systems of changes: webhooks.
    ManageIntegrations,
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

// Most powerful first: the order of the role picker.
coded!(Role, |code| -> String { format!("unknown role \"{code}\"") }, {
    SystemAdmin => "system_admin", "System admin";
    PimAdmin => "pim_admin", "PIM admin";
    PimWrite => "pim_write", "PIM write";
    DamWrite => "dam_write", "DAM write";
    DamRead => "dam_read", "DAM read";
});

impl Role {
    /// Whether this role grants `permission`.
    pub fn can(self, permission: Permission) -> bool {
        match permission {
            Permission::View => true,
            Permission::Manage => self != Role::DamRead,
            Permission::ManageUsers => self == Role::SystemAdmin,
            Permission::ManageCatalog => matches!(self, Role::SystemAdmin | Role::PimAdmin | Role::PimWrite),
            Permission::ManageSettings => matches!(self, Role::SystemAdmin | Role::PimAdmin),
            Permission::ManageIntegrations => self == Role::SystemAdmin,
        }
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
