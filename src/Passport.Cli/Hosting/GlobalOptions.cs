using System.CommandLine;

namespace Passport.Cli;

/// <summary>Options every command accepts.</summary>
internal sealed class GlobalOptions
{
    public Option<bool> Json { get; } = new("--json") { Description = "Print machine-readable JSON (one object per line).", Recursive = true };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Show stack traces on errors.", Recursive = true };

    public Option<string?> Home { get; } = new("--home") { Description = "State folder (default: $PASSPORT_HOME or ~/.passport).", Recursive = true };
}
