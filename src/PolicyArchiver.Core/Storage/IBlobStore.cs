namespace PolicyArchiver.Storage;

/// <summary>
/// Content-addressed, write-once storage of evidence bytes, keyed <c>sha256/&lt;first two hex&gt;/&lt;hex&gt;</c>.
/// Writing bytes that are already stored is a no-op; nothing is ever overwritten or deleted.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the bytes (unless already present) and returns their lowercase hex SHA-256.</summary>
    Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default);

    /// <summary>The stored bytes, verified against their digest.</summary>
    Task<byte[]> GetAsync(string sha256, CancellationToken ct = default);

    Task<bool> ExistsAsync(string sha256, CancellationToken ct = default);
}
