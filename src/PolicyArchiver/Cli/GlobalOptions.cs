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

    /// <summary>
    /// The topic lexicon that clause changes are tagged from. Commands that tag changes (history,
    /// diff, changes) take it; without it, <c>./topics.json</c> if present, else the built-in lexicon.
    /// </summary>
    public static readonly Option<string?> Topics = new("--topics")
    {
        Description = "Topic lexicon for tagging changes (default: ./topics.json if present, else the built-in one)",
        Recursive = true,
        HelpName = "FILE",
    };

    public static readonly Option<bool> JsonOutput = new("--json")
    {
        Description = "Print JSON for scripts instead of text",
    };
}
