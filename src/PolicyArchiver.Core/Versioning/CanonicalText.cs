using System.Text.RegularExpressions;
using PolicyArchiver.Extraction;

namespace PolicyArchiver.Versioning;

/// <summary>
/// The form in which two texts of a document are compared: look-alike letters folded, HTML
/// entities decoded until stable, link targets in canonical form. The text a version keeps is
/// what the page showed; only the decision "changed or not" reads this form.
/// </summary>
internal static partial class CanonicalText
{
    /// <summary>A link as the extractor writes it: <c>[words](target)</c>.</summary>
    [GeneratedRegex(@"\]\(([^()\s]+)\)")]
    private static partial Regex LinkTarget();

    public static string Of(string text)
    {
        if (text.Contains('&')) text = Links.DecodeEntities(text);
        if (text.Contains("](", StringComparison.Ordinal))
            text = LinkTarget().Replace(text, m => "](" + (Links.Normalize(m.Groups[1].Value, null, []) ?? m.Groups[1].Value) + ")");
        return LookAlikes.Folded(text);
    }
}
