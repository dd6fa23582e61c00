using System.CommandLine;
using PolicyArchiver.Archiving;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Cli;

/// <summary>What every command needs: the global options' values and the output streams.</summary>
internal sealed class CliContext(ParseResult parse, TextWriter output, TextWriter error, TimeProvider time)
{
    /// <summary>The program's clock, from the composition root (Program.cs): commands never read the wall clock themselves.</summary>
    public TimeProvider Time { get; } = time;

    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;
    public ParseResult Parse { get; } = parse;

    public string ArchiveDirectory => Parse.GetValue(GlobalOptions.Archive)!;
    public string TargetsFile => Parse.GetValue(GlobalOptions.Targets)!;

    /// <summary>The RFC 3161 Time-Stamp Authority that attests checkpoints, when one is configured.</summary>
    public Uri? TsaUrl => Parse.GetValue(GlobalOptions.TsaUrl) is { Length: > 0 } url
        ? Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CliException(ExitCodes.BadInput, $"--tsa \"{url}\": not an absolute http(s) URL")
        : null;

    private StorageSettings? _storage;

    /// <summary>Where the archive's catalog and evidence live (embedded unless configured otherwise).</summary>
    public StorageSettings Storage => _storage ??= StorageConfiguration.Load(ArchiveDirectory, new Dictionary<string, string?>
    {
        [$"{StorageConfiguration.Section}:Catalog:Provider"] = Parse.GetValue(GlobalOptions.CatalogProvider),
        [$"{StorageConfiguration.Section}:Catalog:ConnectionString"] = Parse.GetValue(GlobalOptions.CatalogConnectionString),
        [$"{StorageConfiguration.Section}:Blobs:Provider"] = Parse.GetValue(GlobalOptions.BlobsProvider),
        [$"{StorageConfiguration.Section}:Blobs:ConnectionString"] = Parse.GetValue(GlobalOptions.BlobsConnectionString),
        [$"{StorageConfiguration.Section}:Blobs:Container"] = Parse.GetValue(GlobalOptions.BlobsContainer),
    });

    public Task<Archive> OpenArchiveAsync(CancellationToken ct) => ArchiveFactory.OpenAsync(ArchiveDirectory, Storage, Time, ct);

    /// <summary>
    /// For commands that read an archive (and may keep what they derive from it, like a noise model):
    /// a mistyped --archive is an error, never a new empty archive that reads as "nothing recorded".
    /// </summary>
    public Task<Archive> OpenExistingArchiveAsync(CancellationToken ct)
    {
        // An embedded archive is its directory; a distributed one is wherever its settings point, checked when opened.
        if (Storage == StorageSettings.Embedded && !File.Exists(Path.Combine(ArchiveDirectory, "catalog.db")))
            throw new CliException(ExitCodes.BadInput,
                $"no archive at {Path.GetFullPath(ArchiveDirectory)} (catalog.db is missing): give --archive DIR (or POLICYARCHIVER_ARCHIVE) of an existing archive, or capture or import into it first");
        return OpenArchiveAsync(ct);
    }

    /// <summary>For commands that only read (verify, serve): nothing is created, migrated or signed.</summary>
    public Task<Archive> OpenArchiveReadOnlyAsync(CancellationToken ct) => ArchiveFactory.OpenReadOnlyAsync(ArchiveDirectory, Storage, Time, ct);

    public Task<TargetList> LoadTargetsAsync(CancellationToken ct) => TargetsLoader.LoadAsync(TargetsFile, ct);

    /// <summary>
    /// Checks a <c>company/document</c> argument against what the archive holds and, when it can be
    /// read, targets.json: a document removed from the targets keeps its history.
    /// </summary>
    public async Task<string> ResolveDocumentAsync(string key, Archive archive, CancellationToken ct)
    {
        var parts = key.Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0))
            throw new CliException(ExitCodes.BadInput, $"\"{key}\": a document is addressed as COMPANY/DOCUMENT, e.g. kaspi/privacy-policy-ru");
        // One indexed lookup, not a list of every document: this runs before every per-document command.
        if (await archive.Catalog.GetLastObservationAtAsync(key, ct) is not null) return key;
        TargetList? targets = null;
        try
        {
            targets = await LoadTargetsAsync(ct);
        }
        catch (TargetsException)
        {
            // An unreadable targets file does not stop queries on the archive.
        }
        if (targets?.Find(key) is not null) return key;
        throw new CliException(ExitCodes.BadInput,
            $"unknown document \"{key}\": not in {TargetsFile} and never archived in {ArchiveDirectory}");
    }
}
