namespace PolicyArchiver.Storage;

/// <summary>
/// Content-addressed, write-once storage of evidence bytes, keyed <c>sha256/&lt;first two hex&gt;/&lt;hex&gt;</c>.
/// Writing bytes that are already stored is a no-op; nothing is ever overwritten or deleted.
/// Two implementations: a directory (embedded) and Azure Blob Storage (distributed).
/// </summary>
internal interface IBlobStore
{
    /// <summary>Stores the bytes (unless already present) and returns their lowercase hex SHA-256.</summary>
    Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default);

    /// <summary>The stored bytes, verified against their digest.</summary>
    Task<byte[]> GetAsync(string sha256, CancellationToken ct = default);

    Task<bool> ExistsAsync(string sha256, CancellationToken ct = default);

    /// <summary>
    /// Every name the store holds, as stored: a digest, or a leftover of an interrupted write (a
    /// name that is not a digest), so that verification sees everything, not only what the catalog knows.
    /// </summary>
    IAsyncEnumerable<string> ListAsync(CancellationToken ct = default);

    /// <summary>The stored bytes under a listed name, unchecked: verification recomputes their digest itself.</summary>
    Task<Stream> OpenReadAsync(string name, CancellationToken ct = default);

    /// <summary>
    /// Throws when the store cannot be read now (its directory gone or unreadable, the service
    /// unreachable, the container missing), with one cheap look: what a readiness check asks.
    /// </summary>
    Task ProbeAsync(CancellationToken ct = default);

    /// <summary>Where a name is, for messages ("blobs/sha256/ab/abcd…", "container/sha256/ab/abcd…").</summary>
    string Locate(string name);
}
