//! The small enums whose values have a stable code (stored in the database, sent in forms and
//! URLs) and a label a person reads, written once.

/// For `$name`, whose variants each have a code and a label: `ALL` in the order given, `code()`,
/// `Display` (the label) and `FromStr` (the code, spaces around it ignored; in any case when
/// `any_case` says so), refusing anything else with the error the closure makes of it.
macro_rules! coded {
    (
        $name:ident, any_case,
        |$given:ident| -> $err:ty $refusal:block,
        { $($variant:ident => $code:literal, $label:literal;)+ }
    ) => {
        coded!(@write $name, str::eq_ignore_ascii_case, |$given| -> $err $refusal, { $($variant => $code, $label;)+ });
    };
    (
        $name:ident,
        |$given:ident| -> $err:ty $refusal:block,
        { $($variant:ident => $code:literal, $label:literal;)+ }
    ) => {
        coded!(@write $name, str::eq, |$given| -> $err $refusal, { $($variant => $code, $label;)+ });
    };
    (
        @write $name:ident, $same:path,
        |$given:ident| -> $err:ty $refusal:block,
        { $($variant:ident => $code:literal, $label:literal;)+ }
    ) => {
        impl $name {
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];

            /// The stable code stored in the database and sent in forms and URLs.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(match self {
                    $($name::$variant => $label,)+
                })
            }
        }

        impl std::str::FromStr for $name {
            type Err = $err;

            fn from_str(code: &str) -> Result<Self, Self::Err> {
                let $given = code.trim();
                Self::ALL
                    .into_iter()
                    .find(|value| $same(value.code(), $given))
                    .ok_or_else(|| $refusal)
            }
        }
    };
}

pub(crate) use coded;
