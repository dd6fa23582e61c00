using PolicyArchiver.Changes;
using PolicyArchiver.Extraction;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Versioning;

/// <summary>
/// The one place where a new version is decided, for live captures, imports, rebuilt histories
/// and re-extraction alike: a text is a new version when its canonical form differs from the
/// current version's in more than the document's learned noise (<see cref="NoiseModel"/>).
/// Whitespace, look-alike letters, entity-encoded addresses and volatile spans are not changes;
/// everything else is.
/// </summary>
public static class VersionDecision
{
    /// <param name="current">The current version's text, or null when the document has none yet.</param>
    /// <param name="canonical">Both texts are already in <see cref="CanonicalText"/> form.</param>
    /// <param name="known">The noise model before a confirming fetch was learned (see <see cref="NoiseModel.Covers"/>).</param>
    public static bool IsNewVersion(Document document, string? current, string text, NoiseModel noise, bool canonical = false, NoiseModel? known = null)
    {
        if (current is null) return true;
        if (current == text) return false;
        var (before, after) = canonical ? (current, text) : (CanonicalText.Of(current), CanonicalText.Of(text));
        if (before == after) return false;
        if (!document.Noise.Learn) return true;
        return !noise.Covers(before, after, document.Noise.Keeps, known);
    }

    /// <summary>The version to record after <paramref name="previousText"/> (empty for the first), numbered <paramref name="number"/>.</summary>
    public static NewVersion Next(Document document, int number, string previousText, string text, string textSha, bool ocr, bool technical = false)
    {
        var counts = TextDiff.Count(previousText, text);
        return new NewVersion(number, textSha, counts.LinesAdded, counts.LinesRemoved, counts.WordsAdded, counts.WordsRemoved,
            Extractor.Version, document.Rules.Hash, technical, ocr);
    }
}
