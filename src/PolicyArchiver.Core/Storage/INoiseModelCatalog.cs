namespace PolicyArchiver.Storage;

/// <summary>
/// The noise models learned from documents' histories. Derived data, outside the ledger: a model
/// decides nothing that cannot be decided again from the observations.
/// </summary>
internal interface INoiseModelCatalog
{
    /// <summary>The noise model learned from a document's history (JSON), or null when none was learned.</summary>
    Task<string?> GetNoiseModelAsync(string document, CancellationToken ct = default);

    Task SaveNoiseModelAsync(string document, string json, CancellationToken ct = default);
}
