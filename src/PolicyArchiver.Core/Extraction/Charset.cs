using System.Text;
using System.Text.RegularExpressions;

namespace PolicyArchiver.Extraction;

/// <summary>
/// Finds the character encoding of an HTML body the way a browser does: byte order mark, then
/// the Content-Type header, then a meta declaration in the first bytes. windows-1251 pages are
/// common on Kazakh sites.
/// </summary>
internal static partial class Charset
{
    static Charset() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [GeneratedRegex("""charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetPattern();

    /// <summary>The declared charset name, or null when nothing declares one.</summary>
    public static string? Detect(ReadOnlySpan<byte> body, string? contentType)
    {
        if (body.StartsWith("\xEF\xBB\xBF"u8)) return "utf-8";
        if (body.Length >= 2 && body[0] == 0xFF && body[1] == 0xFE) return "utf-16le";
        if (body.Length >= 2 && body[0] == 0xFE && body[1] == 0xFF) return "utf-16be";
        if (contentType is not null && CharsetPattern().Match(contentType) is { Success: true } h) return h.Groups[1].Value.ToLowerInvariant();
        // HTML requires the meta declaration within the first 1024 bytes; allow some slack.
        var head = Encoding.Latin1.GetString(body[..Math.Min(body.Length, 4096)]);
        foreach (Match m in MetaPattern().Matches(head))
            if (CharsetPattern().Match(m.Value) is { Success: true } c) return c.Groups[1].Value.ToLowerInvariant();
        return null;
    }

    [GeneratedRegex("<meta[^>]+charset[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex MetaPattern();

    public static Encoding EncodingFor(string? charset)
    {
        if (charset is null) return new UTF8Encoding(false);
        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return new UTF8Encoding(false);
        }
    }

    public static string Decode(ReadOnlySpan<byte> body, string? contentType) =>
        EncodingFor(Detect(body, contentType)).GetString(body);
}
