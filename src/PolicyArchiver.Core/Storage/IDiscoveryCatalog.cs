namespace PolicyArchiver.Storage;

/// <summary>What looks at companies' homepages found, kept over time and covered by the ledger.</summary>
internal interface IDiscoveryCatalog
{
    /// <summary>Records what a look at a company's homepage found, with its ledger entry, in one transaction.</summary>
    Task<DiscoveryRecord> RecordDiscoveryAsync(string company, DateTimeOffset at, string outcome, string json, CancellationToken ct = default);

    /// <summary>A company's discoveries, oldest first.</summary>
    Task<IReadOnlyList<DiscoveryRecord>> GetDiscoveriesAsync(string company, CancellationToken ct = default);

    Task<DiscoveryRecord?> GetDiscoveryAsync(long id, CancellationToken ct = default);
}
