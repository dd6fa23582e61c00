namespace PolicyArchiver.Evidence.Warc;

/// <summary>
/// Where WARC files live: append-only files named <c>warc/YYYY/MM/DD/&lt;name&gt;.warc.gz</c>.
/// A file is created once (never over an existing one) and only ever grows at its end, so a
/// committed record can never be overwritten. Two implementations: a directory (embedded) and
/// append blobs in Azure Blob Storage (distributed).
/// </summary>
internal interface IWarcStore
{
    /// <summary>Creates a new, empty file; fails if one of that name exists.</summary>
    Task<IWarcFileWriter> CreateAsync(string file, CancellationToken ct = default);

    /// <summary>The file's length in bytes, or null when it does not exist.</summary>
    Task<long?> LengthAsync(string file, CancellationToken ct = default);

    /// <summary>Exactly <paramref name="length"/> bytes from <paramref name="offset"/> (one record's gzip member, or a gap to inspect).</summary>
    Task<byte[]> ReadAsync(string file, long offset, long length, CancellationToken ct = default);

    /// <summary>Every WARC file the store holds, whether or not the catalog refers to it.</summary>
    IAsyncEnumerable<string> ListAsync(CancellationToken ct = default);

    /// <summary>Where a file is, for messages ("archive/warc/…", "container/warc/…").</summary>
    string Locate(string file);
}

/// <summary>The end of one WARC file that a writer appends to.</summary>
internal interface IWarcFileWriter : IAsyncDisposable
{
    /// <summary>The file's length: the offset the next appended byte lands at.</summary>
    long Length { get; }

    /// <summary>Appends the bytes at the end; they are durable when this returns.</summary>
    Task AppendAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default);
}
