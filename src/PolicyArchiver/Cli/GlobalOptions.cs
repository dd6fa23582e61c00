using System.CommandLine;

namespace PolicyArchiver.Cli;

internal static class GlobalOptions
{
    public static readonly Option<string> Archive = new("--archive")
    {
        Description = "Archive directory (env POLICYARCHIVER_ARCHIVE)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("POLICYARCHIVER_ARCHIVE") is { Length: > 0 } env ? env : "./archive",
        Recursive = true,
        HelpName = "DIR",
    };

    public static readonly Option<string> Targets = new("--targets")
    {
        Description = "The list of documents to archive",
        DefaultValueFactory = _ => "./targets.json",
        Recursive = true,
        HelpName = "FILE",
    };

    public static readonly Option<string?> TsaUrl = new("--tsa")
    {
        Description = "RFC 3161 Time-Stamp Authority URL that timestamps ledger checkpoints (env POLICYARCHIVER_TSA_URL; default: none)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("POLICYARCHIVER_TSA_URL"),
        Recursive = true,
        HelpName = "URL",
    };

    public static readonly Option<bool> JsonOutput = new("--json")
    {
        Description = "Print JSON for scripts instead of text",
    };
}
