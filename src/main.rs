use std::process::ExitCode;

fn main() -> ExitCode {
    match folio::cli::run() {
        Ok(code) => code,
        // folio itself failed (the terminal, as a rule); the commands report
        // their own errors.
        Err(e) => {
            eprintln!("folio: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
