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
        Description = "The list of documents to archive (env POLICYARCHIVER_TARGETS)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("POLICYARCHIVER_TARGETS") is { Length: > 0 } env ? env : "./targets.json",
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

    // Storage: these override PolicyArchiver:Catalog:* and PolicyArchiver:Blobs:* from appsettings.json and the environment.
    public static readonly Option<string?> CatalogProvider = new("--catalog-provider")
    {
        Description = "Catalog backend: sqlite (default, archive/catalog.db) or postgres (PolicyArchiver:Catalog:Provider)",
        Recursive = true,
        HelpName = "sqlite|postgres",
    };

    public static readonly Option<string?> CatalogConnectionString = new("--catalog-connection-string")
    {
        Description = "PostgreSQL connection string (PolicyArchiver:Catalog:ConnectionString)",
        Recursive = true,
        HelpName = "STRING",
    };

    public static readonly Option<string?> BlobsProvider = new("--blobs-provider")
    {
        Description = "Evidence backend: filesystem (default, under the archive directory) or azure (PolicyArchiver:Blobs:Provider)",
        Recursive = true,
        HelpName = "filesystem|azure",
    };

    public static readonly Option<string?> BlobsConnectionString = new("--blobs-connection-string")
    {
        Description = "Azure Storage connection string (PolicyArchiver:Blobs:ConnectionString)",
        Recursive = true,
        HelpName = "STRING",
    };

    public static readonly Option<string?> BlobsContainer = new("--blobs-container")
    {
        Description = "Azure Blob container (PolicyArchiver:Blobs:Container, default policyarchiver)",
        Recursive = true,
        HelpName = "NAME",
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
