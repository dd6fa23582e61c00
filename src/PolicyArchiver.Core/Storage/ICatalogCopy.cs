namespace PolicyArchiver.Storage;

/// <summary>Every row of a catalog out, or into an empty one: how an archive moves between backends.</summary>
internal interface ICatalogCopy
{
    /// <summary>Every row of every table (<see cref="CatalogRow.Tables"/>, in that order), to copy the archive elsewhere.</summary>
    IAsyncEnumerable<CatalogRow> ExportAsync(CancellationToken ct = default);

    /// <summary>
    /// Loads the rows of another catalog into this one, which must be empty, in one transaction:
    /// ids, ledger entries and signatures are kept as they are, so the copy verifies as the original.
    /// </summary>
    Task ImportAsync(IAsyncEnumerable<CatalogRow> rows, CancellationToken ct = default);
}
