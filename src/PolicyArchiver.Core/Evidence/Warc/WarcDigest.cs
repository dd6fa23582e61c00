using System.Security.Cryptography;

namespace PolicyArchiver.Evidence.Warc;

/// <summary>
/// Digests as <c>sha256:&lt;hex&gt;</c>, the form warcio writes, so a digest can be compared with
/// <c>sha256sum</c> output by eye.
/// </summary>
internal static class WarcDigest
{
    public const string Prefix = "sha256:";

    public static string Of(ReadOnlySpan<byte> bytes) => Prefix + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The digest of <paramref name="head"/> followed by <paramref name="tail"/>, without joining them.</summary>
    public static string Of(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(head);
        hash.AppendData(tail);
        return Prefix + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The hex SHA-256 inside a digest field, or null if it is not a sha256 digest.</summary>
    public static string? Hex(string? digest) =>
        digest is not null && digest.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? digest[Prefix.Length..].ToLowerInvariant() : null;
}
