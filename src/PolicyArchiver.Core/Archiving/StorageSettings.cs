namespace PolicyArchiver.Archiving;

/// <summary>
/// Where an archive keeps its catalog and its evidence: embedded (a SQLite file and directories,
/// the default) or distributed (PostgreSQL and Azure Blob Storage, shared by several workers).
/// Read from the configuration keys <c>PolicyArchiver:Catalog:*</c> and <c>PolicyArchiver:Blobs:*</c>.
/// </summary>
internal sealed record StorageSettings
{
    public const string Sqlite = "sqlite", Postgres = "postgres", FileSystem = "filesystem", Azure = "azure";
    public const string DefaultContainer = "policyarchiver";

    public string CatalogProvider { get; init; } = Sqlite;
    public string? CatalogConnectionString { get; init; }
    public string BlobsProvider { get; init; } = FileSystem;
    public string? BlobsConnectionString { get; init; }
    public string BlobsContainer { get; init; } = DefaultContainer;

    public static StorageSettings Embedded { get; } = new();

    /// <summary>Several processes can share the archive: the scheduler then clusters through the catalog's database.</summary>
    public bool SharedCatalog => CatalogProvider == Postgres;

    /// <summary>Every problem, each naming its configuration key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (CatalogProvider is not (Sqlite or Postgres))
            errors.Add($"PolicyArchiver:Catalog:Provider \"{CatalogProvider}\": must be \"{Sqlite}\" or \"{Postgres}\"");
        else if (CatalogProvider == Postgres && string.IsNullOrWhiteSpace(CatalogConnectionString))
            errors.Add("PolicyArchiver:Catalog:ConnectionString: required when the catalog provider is postgres (e.g. Host=db;Database=policyarchiver;Username=…;Password=…)");
        if (BlobsProvider is not (FileSystem or Azure))
            errors.Add($"PolicyArchiver:Blobs:Provider \"{BlobsProvider}\": must be \"{FileSystem}\" or \"{Azure}\"");
        else if (BlobsProvider == Azure && string.IsNullOrWhiteSpace(BlobsConnectionString))
            errors.Add("PolicyArchiver:Blobs:ConnectionString: required when the blobs provider is azure (an Azure Storage connection string)");
        if (BlobsProvider == Azure && !IsContainerName(BlobsContainer))
            errors.Add($"PolicyArchiver:Blobs:Container \"{BlobsContainer}\": 3–63 lowercase letters, digits and single hyphens");
        return errors;
    }

    private static bool IsContainerName(string name) =>
        name.Length is >= 3 and <= 63 && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-') &&
        char.IsLetterOrDigit(name[0]) && char.IsLetterOrDigit(name[^1]) && !name.Contains("--", StringComparison.Ordinal);

    /// <summary>For messages and logs: where things are, without secrets.</summary>
    public string Describe(string directory) =>
        $"catalog {(CatalogProvider == Sqlite ? Path.Combine(directory, "catalog.db") : $"postgres {Redact(CatalogConnectionString)}")}, " +
        $"evidence {(BlobsProvider == FileSystem ? directory : $"azure container {BlobsContainer}")}";

    /// <summary>Host, port and database of a connection string; never its password.</summary>
    public static string Redact(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString)) return "";
        var keep = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && p[0].Trim().ToLowerInvariant() is "host" or "server" or "port" or "database" or "blobendpoint" or "accountname")
            .Select(p => $"{p[0].Trim()}={p[1].Trim()}");
        return string.Join(';', keep);
    }
}
