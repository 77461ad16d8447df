//! This process among damson's instances, as `host:pid`: the name it gives the holds it takes,
//! so that an instance started again on the same machine can tell the holds of its killed
//! predecessor (a process that is gone) from those of instances still running.

use std::sync::OnceLock;

/// `host:pid` of this process.
pub fn name() -> &'static str {
    static NAME: OnceLock<String> = OnceLock::new();
    NAME.get_or_init(|| format!("{}:{}", host(), std::process::id()))
}

/// `host:`, the start of the names of every process of this machine.
pub fn host_prefix() -> String {
    format!("{}:", host())
}

/// Whether the process named `holder` was on this machine and is gone. Processes of other
/// machines are never known to be gone: their holds run out with their leases.
pub fn is_gone(holder: &str) -> bool {
    let Some((host_name, pid)) = holder.rsplit_once(':') else {
        return false;
    };
    let Ok(pid) = pid.parse::<i32>() else {
        return false;
    };
    if host_name != host() || holder == name() || pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 sends nothing; it only asks whether the process exists.
    let alive =
        unsafe { libc::kill(pid, 0) } == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
    !alive
}

fn host() -> &'static str {
    static HOST: OnceLock<String> = OnceLock::new();
    HOST.get_or_init(|| {
        std::fs::read_to_string("/proc/sys/kernel/hostname")
            .map(|name| name.trim().to_owned())
            .ok()
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| "localhost".to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_processes_of_this_machine_that_ended_are_gone() {
        assert!(!is_gone(name()), "this process");
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(is_gone(&format!("{}{pid}", host_prefix())), "an ended child");
        assert!(!is_gone(&format!("elsewhere.example:{pid}")), "another machine");
        assert!(!is_gone("no pid here"));
    }
}
