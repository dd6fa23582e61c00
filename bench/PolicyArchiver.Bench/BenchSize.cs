namespace PolicyArchiver.Bench;

/// <summary>
/// How big each scenario is. <c>full</c> is the size the targets are stated for; <c>smoke</c> is
/// a tenth of it, to check the harness itself in a few minutes.
/// </summary>
public sealed record BenchSize(
    string Name,
    int Documents,
    int Hosts,
    int CatalogDocuments,
    int ObservationsPerDocument,
    int VersionsPerDocument,
    int ImportRecords,
    int ImportDocuments)
{
    /// <summary>200 documents on 100 hosts; 1,000,000 observations and 100,000 versions; 5,000 WARC records.</summary>
    public static readonly BenchSize Full = new("full", 200, 100, 10_000, 100, 10, 5_000, 50);

    /// <summary>20 documents on 10 hosts; 100,000 observations and 10,000 versions; 500 WARC records.</summary>
    public static readonly BenchSize Smoke = new("smoke", 20, 10, 1_000, 100, 10, 500, 10);

    public static BenchSize Parse(string name) => name switch
    {
        "full" => Full,
        "smoke" => Smoke,
        _ => throw new ArgumentException($"--size {name}: expected smoke or full"),
    };

    public long CatalogObservations => (long)CatalogDocuments * ObservationsPerDocument;

    public long CatalogVersions => (long)CatalogDocuments * VersionsPerDocument;
}
