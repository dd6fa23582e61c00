namespace PolicyArchiver.Storage;

/// <summary>
/// Content-addressed, write-once storage of evidence bytes, keyed <c>sha256/&lt;first two hex&gt;/&lt;hex&gt;</c>.
/// Writing bytes that are already stored is a no-op; nothing is ever overwritten or deleted.
/// A blob is stored whole, or as a delta against a whole one under <c>zstd-delta/ab/abcd…</c>
/// (<see cref="BlobDelta"/>); either way it is read by its digest and checked against it.
/// Two implementations: a directory (embedded) and Azure Blob Storage (distributed).
/// </summary>
internal interface IBlobStore
{
    /// <summary>The name space of blobs stored whole.</summary>
    const string Whole = "sha256";

    /// <summary>Stores the bytes whole (unless already present, whole or as a delta) and returns their lowercase hex SHA-256.</summary>
    Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default);

    /// <summary>The stored bytes, rebuilt when they are stored as a delta, verified against their digest.</summary>
    Task<byte[]> GetAsync(string sha256, CancellationToken ct = default);

    /// <summary>Whether the blob is stored, whole or as a delta.</summary>
    Task<bool> ExistsAsync(string sha256, CancellationToken ct = default);

    /// <summary>Keeps a delta object (<see cref="BlobDelta"/>) under the digest of the body it holds; a no-op when one is there.</summary>
    Task PutDeltaAsync(string sha256, ReadOnlyMemory<byte> delta, CancellationToken ct = default);

    /// <summary>The delta object stored under the digest, unchecked, or null when the blob is not stored as a delta.</summary>
    Task<byte[]?> GetDeltaAsync(string sha256, CancellationToken ct = default);

    /// <summary>
    /// Every name the store holds in a name space (<see cref="Whole"/> or <see cref="BlobDelta.Space"/>),
    /// as stored: a digest, or a leftover of an interrupted write (a name that is not a digest), so
    /// that verification sees everything, not only what the catalog knows.
    /// </summary>
    IAsyncEnumerable<string> ListAsync(string space = Whole, CancellationToken ct = default);

    /// <summary>The stored bytes under a listed name, unchecked: verification recomputes their digest itself.</summary>
    Task<Stream> OpenReadAsync(string name, string space = Whole, CancellationToken ct = default);

    /// <summary>
    /// Throws when the store cannot be read now (its directory gone or unreadable, the service
    /// unreachable, the container missing), with one cheap look: what a readiness check asks.
    /// </summary>
    Task ProbeAsync(CancellationToken ct = default);

    /// <summary>Where a name is, for messages ("blobs/sha256/ab/abcd…", "container/zstd-delta/ab/abcd…").</summary>
    string Locate(string name, string space = Whole);
}
