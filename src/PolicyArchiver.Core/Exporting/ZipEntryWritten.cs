namespace PolicyArchiver.Exporting;

/// <summary>An entry as written: its path, the lowercase hex SHA-256 and the size of its (uncompressed) content.</summary>
internal sealed record ZipEntryWritten(string Path, string Sha256, long Bytes);
