using ZstdSharp;
using ZstdSharp.Unsafe;

namespace PolicyArchiver.Storage;

/// <summary>
/// A body stored as the difference from an earlier one: a zstd frame compressed with the earlier
/// body (the base) as raw-content dictionary, behind a header naming the base. A page served again
/// with a new token and timestamp in its footer is then a few dozen bytes instead of its whole size.
/// The one place that writes and reads the format; the stores only keep the object under
/// <c>zstd-delta/ab/&lt;sha256 of the whole body&gt;</c>.
/// </summary>
/// <remarks>
/// Format, version 1: the 4 bytes <c>PADZ</c>, a version byte (1), the base's SHA-256 (32 bytes),
/// then one zstd frame (RFC 8878) whose dictionary is the base's bytes as raw content. So
/// <c>tail -c +38 DELTA | zstd -d -D BASE</c> gives the body back with the stock zstd tool.
/// A base is always stored whole, never a delta itself, so reading a body is one decode.
/// </remarks>
internal static class BlobDelta
{
    /// <summary>The name space of deltas in both stores, beside <c>sha256/</c>.</summary>
    public const string Space = "zstd-delta";

    private const byte Version = 1;
    private static ReadOnlySpan<byte> Magic => "PADZ"u8;
    private const int HeaderLength = 4 + 1 + 32;

    /// <summary>zstd's largest window (2 GiB): any base and body under the capture's size cap fit.</summary>
    private const int MaxWindowLog = 31;

    /// <summary>
    /// The match finder's tables grow with the window up to this (2^24 entries, 64 MiB each):
    /// a base of several megabytes is then searched whole, and memory stays bounded for bigger ones.
    /// </summary>
    private const int MaxTableLog = 24;

    /// <summary>
    /// A delta is kept only when it is under a quarter of the body compressed on its own: a page that
    /// changed a lot is stored whole and becomes the base of the captures after it.
    /// </summary>
    private const int WorthDivisor = 4;

    /// <summary>The delta object of <paramref name="body"/> against <paramref name="baseBytes"/>, or null when it is not worth keeping.</summary>
    public static byte[]? Encode(ReadOnlySpan<byte> body, byte[] baseBytes, string baseSha256)
    {
        byte[] frame;
        try
        {
            var windowLog = Math.Clamp((int)Math.Ceiling(Math.Log2(Math.Max(1L, (long)baseBytes.Length + body.Length))), 10, MaxWindowLog);
            using var compressor = new Compressor(3);
            compressor.SetParameter(ZSTD_cParameter.ZSTD_c_windowLog, windowLog);
            // lazy2 with tables as large as the window finds the base's long matches that level 3's
            // defaults miss in a base of megabytes (its delta would be as large as the body compressed alone).
            compressor.SetParameter(ZSTD_cParameter.ZSTD_c_strategy, (int)ZSTD_strategy.ZSTD_lazy2);
            compressor.SetParameter(ZSTD_cParameter.ZSTD_c_hashLog, Math.Min(windowLog, MaxTableLog));
            compressor.SetParameter(ZSTD_cParameter.ZSTD_c_chainLog, Math.Min(windowLog, MaxTableLog));
            compressor.LoadDictionary(baseBytes);
            frame = compressor.Wrap(body).ToArray();
        }
        catch (ZstdException)
        {
            return null; // a base zstd cannot take as a dictionary: the body is stored whole
        }
        if (frame.Length > body.Length / 64)
        {
            using var alone = new Compressor(3);
            if (frame.Length > alone.Wrap(body).Length / WorthDivisor) return null;
        }
        var delta = new byte[HeaderLength + frame.Length];
        Magic.CopyTo(delta);
        delta[4] = Version;
        Convert.FromHexString(baseSha256).CopyTo(delta.AsSpan(5));
        frame.CopyTo(delta.AsSpan(HeaderLength));
        // Evidence is never stored in a form that does not read back: decoding is cheap next to encoding.
        return Decode(delta, baseBytes, "the delta being written").AsSpan().SequenceEqual(body) ? delta : null;
    }

    /// <summary>The hex SHA-256 of the base a delta object was made against.</summary>
    /// <param name="where">Where the object is, for the message when it is not a delta of this format.</param>
    public static string BaseOf(ReadOnlySpan<byte> delta, string where)
    {
        if (delta.Length < HeaderLength || !delta[..4].SequenceEqual(Magic))
            throw new InvalidDataException($"{where} is not a PolicyArchiver delta (no PADZ header)");
        if (delta[4] != Version) throw new InvalidDataException($"{where} is a delta of format version {delta[4]}, this program reads version {Version}");
        return Convert.ToHexStringLower(delta.Slice(5, 32));
    }

    /// <summary>The whole body a delta object holds, given its base's bytes; the caller checks its digest.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> delta, byte[] baseBytes, string where)
    {
        BaseOf(delta, where);
        try
        {
            using var decompressor = new Decompressor();
            decompressor.SetParameter(ZSTD_dParameter.ZSTD_d_windowLogMax, MaxWindowLog);
            decompressor.LoadDictionary(baseBytes);
            var frame = delta[HeaderLength..];
            var size = Decompressor.GetDecompressedSize(frame);
            if (size > int.MaxValue) throw new InvalidDataException($"{where} declares a body of {size} bytes");
            var body = new byte[size];
            var written = decompressor.Unwrap(frame, body);
            return written == body.Length ? body : body[..written];
        }
        catch (ZstdException e)
        {
            throw new InvalidDataException($"{where} does not decode against its base: {e.Message}", e);
        }
    }

    /// <summary>
    /// The body under <paramref name="sha256"/> rebuilt from its delta object, checked against the digest.
    /// </summary>
    /// <param name="readBase">Reads a whole blob, checked against its digest (a missing one throws FileNotFound).</param>
    public static async Task<byte[]> ReconstructAsync(byte[] delta, string sha256, string where, Func<string, CancellationToken, Task<byte[]>> readBase, CancellationToken ct)
    {
        var baseSha = BaseOf(delta, where);
        byte[] baseBytes;
        try
        {
            baseBytes = await readBase(baseSha, ct);
        }
        catch (FileNotFoundException e)
        {
            throw new FileNotFoundException($"{where} cannot be read: its base blob {baseSha} is missing", e.FileName, e);
        }
        var body = Decode(delta, baseBytes, where);
        var actual = Hashing.Sha256Hex(body);
        if (actual != sha256) throw new InvalidDataException($"blob {where} is corrupt: the SHA-256 of the body it rebuilds is {actual}");
        return body;
    }

    /// <summary>
    /// Stores <paramref name="body"/> as a delta against <paramref name="baseSha256"/> (or against that
    /// blob's own base when it is a delta itself), or whole when the base is missing or the delta is
    /// not worth it. Nothing happens when the body is stored already, whole or as a delta.
    /// </summary>
    /// <returns>The body's digest.</returns>
    public static async Task<string> PutAsync(IBlobStore store, ReadOnlyMemory<byte> body, string? baseSha256, CancellationToken ct)
    {
        var sha = Hashing.Sha256Hex(body.Span);
        if (baseSha256 is null || baseSha256 == sha || await store.ExistsAsync(sha, ct)) return await store.PutAsync(body, ct);
        if (await store.GetDeltaAsync(baseSha256, ct) is { } baseDelta) baseSha256 = BaseOf(baseDelta, store.Locate(baseSha256, Space));
        byte[] baseBytes;
        try
        {
            baseBytes = await store.GetAsync(baseSha256, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            return await store.PutAsync(body, ct); // no sound base to build on: a new keyframe
        }
        if (Encode(body.Span, baseBytes, baseSha256) is not { } delta) return await store.PutAsync(body, ct);
        await store.PutDeltaAsync(sha, delta, ct);
        return sha;
    }
}
